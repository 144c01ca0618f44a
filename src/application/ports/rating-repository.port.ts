import type { Result } from 'neverthrow';
import type { DomainError, RatingState, UserRating } from '../../domain/index.js';

/** Ratings as the write side keeps them: one per (screening, rater, ratee), a key the database holds too. */
export interface RatingRepository {
  /** Both sides of the rating of the screening's host and of each of its accepted guests; users nobody rated get the prior. */
  ofParticipants(announcementId: string): Promise<ReadonlyMap<string, UserRating>>;
  byKey(announcementId: string, raterId: string, rateeId: string): Promise<RatingState | null>;
  /** A second rating of the same person by the same rater comes back as RATING.ALREADY_RATED, never a throw. */
  save(rating: RatingState, isNew: boolean): Promise<Result<void, DomainError>>;
  /** The sum and count of a user's scores as host, this transaction's change included (the row stays locked until it ends). */
  hostTotals(userId: string): Promise<{ readonly sum: number; readonly count: number }>;
  /**
   * Keeps the host's score (computed by the domain) where search reads it: with the user, and on
   * each of their screenings, locked in id order — after the rating and the user's totals, the
   * last locks a rating takes (docs/ARCHITECTURE.md, lock order).
   */
  storeHostScore(hostId: string, score: number): Promise<void>;
}
