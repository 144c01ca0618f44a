import { NO_RATINGS, ratingSide, type UserRating } from '../../domain/index.js';
import type { RatingReader } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

export const ratingOf = (db: MemoryDatabase, userId: string): UserRating => {
  const sides = { host: { sum: 0, count: 0 }, guest: { sum: 0, count: 0 } };
  for (const row of db.ratings.values()) {
    if (row.rateeId !== userId) continue;
    sides[row.as].sum += row.score;
    sides[row.as].count += 1;
  }
  if (sides.host.count === 0 && sides.guest.count === 0) return NO_RATINGS;
  return { asHost: ratingSide(sides.host.sum, sides.host.count), asGuest: ratingSide(sides.guest.sum, sides.guest.count) };
};

export class MemoryRatingReader implements RatingReader {
  constructor(private readonly db: MemoryDatabase) {}

  async ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>> {
    return new Map(userIds.map((id) => [id, ratingOf(this.db, id)]));
  }
}
