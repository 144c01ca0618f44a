import { ok, type Result } from 'neverthrow';
import { earliestRateableEnd, ratingDeadline, type RatingRole, type RatingSide } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { Clock } from '../ports/clock.port.js';
import type { RatingReader } from '../ports/rating-reader.port.js';
import type { People } from '../shared/people.js';
import { screeningSummary, type Person, type ScreeningSummary } from '../shared/views.js';

export type UserRatingView = { readonly userId: string; readonly asHost: RatingSide; readonly asGuest: RatingSide };

export type PendingRatingView = {
  readonly announcement: ScreeningSummary;
  readonly ratee: Person;
  /** The side of the ratee's rating this counts towards: `host` when the caller was a guest. */
  readonly as: RatingRole;
  readonly rateBy: Date;
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

  async ofUser(userId: string): Promise<Result<UserRatingView, ApplicationError>> {
    const rating = (await this.ratings.ofUsers([userId])).get(userId)!;
    return ok({ userId, asHost: rating.asHost, asGuest: rating.asGuest });
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
