import type { Result } from 'neverthrow';
import type { DomainError, RatingState } from '../../domain/index.js';

/** Ratings as the write side keeps them: one per (screening, rater, ratee), a key the database holds too. */
export interface RatingRepository {
  byKey(announcementId: string, raterId: string, rateeId: string): Promise<RatingState | null>;
  /** A second rating of the same person by the same rater comes back as RATING.ALREADY_RATED, never a throw. */
  save(rating: RatingState, isNew: boolean): Promise<Result<void, DomainError>>;
}
