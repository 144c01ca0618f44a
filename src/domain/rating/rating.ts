import { err, ok, type Result } from 'neverthrow';
import type { AnnouncementState } from '../announcement/announcement.types.js';
import { domainError, type DomainError, type FieldIssue } from '../shared/domain-error.js';
import { LIMITS } from '../shared/limits.js';
import { plainTextProblem } from '../shared/plain-text.js';
import { TimeRange } from '../shared/time-range.js';

/**
 * RULES §5: ratings are given, and may be changed, for 14 days after the screening's end —
 * the window review sites use, long enough to remember, short enough to still matter.
 */
export const RATING_WINDOW_DAYS = 14;
const DAY_MS = 24 * 3600_000;

/** The side of the ratee's rating a rating counts towards: a guest rates the host `as host`. */
export type RatingRole = 'host' | 'guest';

export type RatingState = {
  readonly announcementId: string;
  readonly raterId: string;
  readonly rateeId: string;
  readonly as: RatingRole;
  readonly score: number;
  readonly comment: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
};

export type RatingInput = { readonly score: number; readonly comment?: string | null };

/** A screening as its ratings need it: who took part (the host, and guests accepted when it ended). */
export type RatingOccasion = {
  readonly announcement: Pick<AnnouncementState, 'id' | 'hostId' | 'status' | 'startsAt' | 'durationMinutes'>;
  readonly acceptedGuests: readonly string[];
};

/** Until when ratings of this screening may be given and changed. */
export const ratingDeadline = (announcement: Pick<AnnouncementState, 'startsAt' | 'durationMinutes'>): Date =>
  new Date(TimeRange.of(announcement.startsAt, announcement.durationMinutes).end.getTime() + RATING_WINDOW_DAYS * DAY_MS);

/** Screenings that ended after this moment may still be rated at `now`. */
export const earliestRateableEnd = (now: Date): Date => new Date(now.getTime() - RATING_WINDOW_DAYS * DAY_MS);

/** §1: the participants are the host and the accepted guests. */
export const isParticipant = (occasion: RatingOccasion, userId: string): boolean =>
  occasion.announcement.hostId === userId || occasion.acceptedGuests.includes(userId);

/** Whom a participant rates: the host rates each accepted guest, a guest rates the host. */
export const rateesOf = (occasion: RatingOccasion, raterId: string): Array<{ rateeId: string; as: RatingRole }> => {
  if (occasion.announcement.hostId === raterId) return occasion.acceptedGuests.map((rateeId) => ({ rateeId, as: 'guest' }));
  return occasion.acceptedGuests.includes(raterId) ? [{ rateeId: occasion.announcement.hostId, as: 'host' }] : [];
};

const checkInput = (input: RatingInput): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  const { score } = input;
  if (!Number.isInteger(score) || score < LIMITS.ratingScore.min || score > LIMITS.ratingScore.max)
    issues.push({ path: 'score', message: `must be a whole number from ${LIMITS.ratingScore.min} to ${LIMITS.ratingScore.max}` });
  const comment = input.comment ?? null;
  const textProblem = comment === null ? null : plainTextProblem(comment);
  if (textProblem) issues.push({ path: 'comment', message: textProblem });
  else if (comment !== null && comment.length > LIMITS.ratingComment.max)
    issues.push({ path: 'comment', message: `at most ${LIMITS.ratingComment.max} characters` });
  return issues;
};

/** The rules every rating write shares: valid input, a participant, a finished screening, inside the window. */
const guard = (occasion: RatingOccasion, raterId: string, input: RatingInput, now: Date): Result<void, DomainError> => {
  const issues = checkInput(input);
  if (issues.length > 0) return err(domainError('RATING.INVALID', { issues }));
  if (!isParticipant(occasion, raterId)) return err(domainError('RATING.FORBIDDEN'));
  const { status } = occasion.announcement;
  if (status !== 'done') return err(domainError('RATING.NOT_YET', { status }));
  if (now.getTime() > ratingDeadline(occasion.announcement).getTime()) return err(domainError('RATING.WINDOW_CLOSED'));
  return ok(undefined);
};

/**
 * RULES §5: after the screening is done, each accepted guest rates the host once and the host
 * rates each accepted guest once. `existing` is the rater's earlier rating of the same person.
 */
export const giveRating = (
  occasion: RatingOccasion,
  rating: { readonly raterId: string; readonly rateeId: string } & RatingInput,
  existing: RatingState | null,
  now: Date,
): Result<RatingState, DomainError> => {
  const allowed = guard(occasion, rating.raterId, rating, now);
  if (allowed.isErr()) return err(allowed.error);
  const ratee = rateesOf(occasion, rating.raterId).find((r) => r.rateeId === rating.rateeId);
  if (!ratee) return err(domainError('RATING.NOT_A_RATEE', { as: occasion.announcement.hostId === rating.raterId ? 'host' : 'guest' }));
  if (existing) return err(domainError('RATING.ALREADY_RATED'));
  return ok({
    announcementId: occasion.announcement.id, raterId: rating.raterId, rateeId: rating.rateeId, as: ratee.as,
    score: rating.score, comment: rating.comment ?? null, createdAt: now, updatedAt: now,
  });
};

/** RULES §5: a rating can be changed, by its rater, until the window closes. */
export const changeRating = (occasion: RatingOccasion, existing: RatingState, input: RatingInput, now: Date): Result<RatingState, DomainError> => {
  const allowed = guard(occasion, existing.raterId, input, now);
  if (allowed.isErr()) return err(allowed.error);
  return ok({ ...existing, score: input.score, comment: input.comment ?? null, updatedAt: now });
};
