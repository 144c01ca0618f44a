import { err, ok, type Result } from 'neverthrow';
import {
  changeRating, domainError, giveRating, isParticipant, ratingSide,
  type Announcement, type DomainError, type RatingOccasion, type RatingState,
} from '../../domain/index.js';
import type { RatingRepository } from '../ports/rating-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReadStores, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import { ratingView, type RatingView } from './rating-views.js';

export type RateCommand = {
  readonly raterId: string;
  readonly announcementId: string;
  readonly rateeId: string;
  readonly score: number;
  readonly comment?: string | null;
};

/**
 * RULES §5, both ways: a guest rates the host, the host rates each accepted guest, once each
 * after the screening is done; the same rater may change it for 14 days. A screening that is
 * done is final (A6) and so is who attended it, so no lock is needed: the database's key on
 * (screening, rater, ratee) settles two identical posts racing.
 */
export class RateParticipant {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly clock: Clock,
  ) {}

  async give(command: RateCommand): Promise<Result<RatingView, DomainError>> {
    const found = await this.occasionFor(command.raterId, command.announcementId);
    if (found.isErr()) return err(found.error);
    const { announcement, occasion } = found.value;
    const now = this.clock.now();
    return this.uow.transaction(async ({ ratings }) => {
      const existing = await ratings.byKey(command.announcementId, command.raterId, command.rateeId);
      const rating = giveRating(occasion, command, existing, now);
      if (rating.isErr()) return err(rating.error);
      const saved = await ratings.save(rating.value, true);
      if (saved.isErr()) return err(saved.error);
      await keepHostScore(ratings, rating.value);
      return ok(ratingView(rating.value, announcement.snapshot()));
    });
  }

  async change(command: RateCommand): Promise<Result<RatingView, DomainError>> {
    const found = await this.occasionFor(command.raterId, command.announcementId);
    if (found.isErr()) return err(found.error);
    const { announcement, occasion } = found.value;
    if (!isParticipant(occasion, command.raterId)) return err(domainError('RATING.FORBIDDEN'));
    const now = this.clock.now();
    return this.uow.transaction(async ({ ratings }) => {
      const existing = await ratings.byKey(command.announcementId, command.raterId, command.rateeId);
      if (!existing) return err(domainError('RATING.NOT_FOUND'));
      const rating = changeRating(occasion, existing, command, now);
      if (rating.isErr()) return err(rating.error);
      const saved = await ratings.save(rating.value, false);
      if (saved.isErr()) return err(saved.error);
      await keepHostScore(ratings, rating.value);
      return ok(ratingView(rating.value, announcement.snapshot()));
    });
  }

  /** A5 first (a screening the rater may not see does not exist), then who took part. */
  private async occasionFor(raterId: string, announcementId: string): Promise<Result<{ announcement: Announcement; occasion: RatingOccasion }, DomainError>> {
    const visible = await this.access.visible(raterId, announcementId);
    if (visible.isErr()) return err(visible.error);
    const announcement = visible.value;
    return ok({ announcement, occasion: await occasionOf(this.uow.reads, announcement) });
  }
}

/** A rating of a host moves the score search sorts and filters by: the domain's number, stored in the same transaction. */
export const keepHostScore = async (ratings: RatingRepository, rating: Pick<RatingState, 'as' | 'rateeId'>): Promise<void> => {
  if (rating.as !== 'host') return;
  const { sum, count } = await ratings.hostTotals(rating.rateeId);
  await ratings.storeHostScore(rating.rateeId, ratingSide(sum, count).score);
};

export const occasionOf = async (reads: ReadStores, announcement: Announcement): Promise<RatingOccasion> => {
  const accepted = await reads.bookings.guestsOf(announcement.id);
  return { announcement: announcement.snapshot(), acceptedGuests: accepted.map((b) => b.guestId) };
};
