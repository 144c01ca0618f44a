import type { UserRating } from '../../domain/index.js';

export interface RatingReader {
  /** Both sides of each user's rating; users nobody rated get the prior. */
  ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>>;
}
