import { err, ok, type Result } from 'neverthrow';
import { earliestRateableEnd, NO_RELIABILITY, ratingDeadline, type RatingRole, type RatingSide, type Reliability } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import { decodeCursor, isCursorId, isCursorInstant, pageOf, type Page } from '../ports/page.js';
import type { RatingReader, ReviewKey } from '../ports/rating-reader.port.js';
import type { People } from '../shared/people.js';
import { screeningSummary, type Person, type ScreeningSummary } from '../shared/views.js';

/** S6: a rating with a comment, as the ratee's page shows it. */
export type ReviewView = {
  readonly score: number;
  readonly comment: string;
  /** The side of the ratee's rating: `host` when a guest wrote it about them as host. */
  readonly role: RatingRole;
  readonly createdAt: Date;
  readonly by: Person;
};

export type UserRatingView = {
  readonly userId: string;
  readonly asHost: RatingSide;
  readonly asGuest: RatingSide;
  /** S5: how they kept their word as a guest. */
  readonly reliability: Reliability;
  /** S6: the latest rating comments, newest first. */
  readonly reviews: Page<ReviewView>;
};

export type PendingRatingView = {
  readonly announcement: ScreeningSummary;
  readonly ratee: Person;
  /** The side of the ratee's rating this counts towards: `host` when the caller was a guest. */
  readonly as: RatingRole;
  readonly rateBy: Date;
};

/** undefined: no cursor; null: one this list never gave out. */
const parseReviewKey = (cursor: string | undefined): ReviewKey | undefined | null => {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor);
  if (!key || !isCursorInstant(key.createdAt) || !isCursorId(key.announcementId) || !isCursorId(key.raterId)) return null;
  return { createdAt: key.createdAt, announcementId: key.announcementId, raterId: key.raterId };
};

/** The most a participant has left to rate is bounded by their screenings of the last 14 days. */
const PENDING_LIMIT = 500;

/** Where ratings show: a user's two sides (§5), and what a participant may still rate. */
export class ReadRatings {
  constructor(
    private readonly ratings: RatingReader,
    private readonly people: People,
    private readonly clock: Clock,
  ) {}

  async ofUser(userId: string, page: { readonly limit: number; readonly cursor?: string } = { limit: 10 }): Promise<Result<UserRatingView, ApplicationError>> {
    const after = parseReviewKey(page.cursor);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const [ratings, reliability, reviews] = await Promise.all([
      this.ratings.ofUsers([userId]), this.ratings.reliabilityOf([userId]), this.ratings.reviewsOf(userId, page.limit + 1, after),
    ]);
    const rating = ratings.get(userId)!;
    const names = await this.people.names(reviews.slice(0, page.limit).map((r) => r.raterId));
    return ok({
      userId, asHost: rating.asHost, asGuest: rating.asGuest, reliability: reliability.get(userId) ?? NO_RELIABILITY,
      reviews: pageOf(reviews, page.limit, (r) => ({
        score: r.score, comment: r.comment, role: r.as, createdAt: r.createdAt, by: { id: r.raterId, name: names.get(r.raterId) ?? null },
      }), (r) => ({ createdAt: r.createdAt.toISOString(), announcementId: r.announcementId, raterId: r.raterId })),
    });
  }

  async pending(userId: string): Promise<Result<{ items: PendingRatingView[] }, ApplicationError>> {
    const pending = await this.ratings.pendingFor(userId, earliestRateableEnd(this.clock.now()), PENDING_LIMIT);
    const names = await this.people.names(pending.map((p) => p.rateeId));
    return ok({
      items: pending.map(({ announcement, rateeId, as }) => ({
        announcement: screeningSummary(announcement),
        ratee: { id: rateeId, name: names.get(rateeId) ?? null },
        as,
        rateBy: ratingDeadline(announcement),
      })),
    });
  }
}
