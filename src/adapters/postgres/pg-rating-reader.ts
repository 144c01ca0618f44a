import { NO_RATINGS, ratingSide, type UserRating } from '../../domain/index.js';
import type { RatingReader } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';

type Row = { user_id: string; host_sum: number; host_count: number; guest_sum: number; guest_count: number };

export class PgRatingReader implements RatingReader {
  constructor(private readonly db: Queryable) {}

  async ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>> {
    const found = await rows<Row>(this.db,
      'SELECT user_id, host_sum, host_count, guest_sum, guest_count FROM user_ratings WHERE user_id = ANY($1::uuid[])', [userIds]);
    const byUser = new Map(found.map((r) => [r.user_id, r]));
    return new Map(userIds.map((id) => {
      const r = byUser.get(id);
      return [id, r ? { asHost: ratingSide(r.host_sum, r.host_count), asGuest: ratingSide(r.guest_sum, r.guest_count) } : NO_RATINGS];
    }));
  }
}
