import { NO_RATINGS, ratingSide, type RatingRole, type UserRating } from '../../domain/index.js';
import type { PendingRating, RatingReader } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { ANNOUNCEMENT_COLUMNS, toAnnouncementState, type AnnouncementRow } from './pg-rows.js';

type Row = { user_id: string; host_sum: number; host_count: number; guest_sum: number; guest_count: number };

/**
 * What a user may still rate (§5): as a guest, the host of each done screening they were
 * accepted at; as the host, each accepted guest. Both halves walk the user's own rows only
 * (bookings_guest_schedule, announcements_by_host), and ratings_by_rater finds what is rated.
 */
const PENDING = `
  WITH mine AS (
    SELECT a.id AS announcement_id, a.host_id AS ratee_id, 'host' AS ratee_role
      FROM bookings b JOIN announcements a ON a.id = b.announcement_id
     WHERE b.guest_id = $1 AND b.status = 'accepted' AND a.status = 'done' AND a.ends_at > $2
    UNION ALL
    SELECT a.id, b.guest_id, 'guest'
      FROM announcements a JOIN bookings b ON b.announcement_id = a.id AND b.status = 'accepted'
     WHERE a.host_id = $1 AND a.status = 'done' AND a.ends_at > $2)
  SELECT m.ratee_id AS pending_ratee_id, m.ratee_role AS pending_ratee_role, ${ANNOUNCEMENT_COLUMNS}
    FROM mine m JOIN announcements a ON a.id = m.announcement_id
   WHERE NOT EXISTS (SELECT 1 FROM ratings r WHERE r.rater_id = $1 AND r.announcement_id = m.announcement_id AND r.ratee_id = m.ratee_id)
   ORDER BY a.ends_at DESC, a.id, m.ratee_id LIMIT $3`;

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

  async pendingFor(userId: string, endedAfter: Date, limit: number): Promise<PendingRating[]> {
    const found = await rows<AnnouncementRow & { pending_ratee_id: string; pending_ratee_role: RatingRole }>(this.db, PENDING, [userId, endedAfter, limit]);
    return found.map((row) => ({ announcement: toAnnouncementState(row), rateeId: row.pending_ratee_id, as: row.pending_ratee_role }));
  }
}
