import { NO_RATINGS, NO_RELIABILITY, ratingSide, type RatingRole, type Reliability, type UserRating } from '../../domain/index.js';
import type { PendingRating, RatingReader, Review, ReviewKey } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { ANNOUNCEMENT_COLUMNS, toAnnouncementState, type AnnouncementRow } from './pg-rows.js';

export type RatingTotalsRow = { user_id: string; host_sum: number; host_count: number; guest_sum: number; guest_count: number };

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

/** Both sides of each user's rating; users without a row get the prior. */
export const ratingsOf = (userIds: readonly string[], found: readonly RatingTotalsRow[]): ReadonlyMap<string, UserRating> => {
  const byUser = new Map(found.map((r) => [r.user_id, r]));
  return new Map(userIds.map((id) => {
    const r = byUser.get(id);
    return [id, r ? { asHost: ratingSide(r.host_sum, r.host_count), asGuest: ratingSide(r.guest_sum, r.guest_count) } : NO_RATINGS];
  }));
};

/** The host's and the accepted guests' ratings (bookings_accepted_of_announcement), for a detail read in one round trip. */
export const participantRatings = async (db: Queryable, announcementId: string): Promise<ReadonlyMap<string, UserRating>> => {
  const found = await rows<RatingTotalsRow & { participant_id: string }>(db, `
    SELECT p.participant_id, r.user_id, r.host_sum, r.host_count, r.guest_sum, r.guest_count
      FROM (SELECT host_id AS participant_id FROM announcements WHERE id = $1
            UNION SELECT guest_id FROM bookings WHERE announcement_id = $1 AND status = 'accepted') p
      LEFT JOIN user_ratings r ON r.user_id = p.participant_id`, [announcementId]);
  return ratingsOf(found.map((r) => r.participant_id), found.filter((r) => r.user_id !== null));
};

export class PgRatingReader implements RatingReader {
  constructor(private readonly db: Queryable) {}

  async ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>> {
    const found = await rows<RatingTotalsRow>(this.db,
      'SELECT user_id, host_sum, host_count, guest_sum, guest_count FROM user_ratings WHERE user_id = ANY($1::uuid[])', [userIds]);
    return ratingsOf(userIds, found);
  }

  /** ratings_of_ratee, in its order: (created_at DESC, then screening and rater as the tie-breaker). */
  async reviewsOf(userId: string, limit: number, after?: ReviewKey): Promise<Review[]> {
    const found = await rows<{ announcement_id: string; rater_id: string; score: number; comment: string; ratee_role: RatingRole; created_at: Date }>(this.db, `
      SELECT announcement_id, rater_id, score, comment, ratee_role, created_at FROM ratings
       WHERE ratee_id = $1 AND comment IS NOT NULL
         AND ($2::timestamptz IS NULL OR (created_at, announcement_id, rater_id) < ($2, $3::uuid, $4::uuid))
       ORDER BY created_at DESC, announcement_id DESC, rater_id DESC LIMIT $5`,
    [userId, after?.createdAt ?? null, after?.announcementId ?? null, after?.raterId ?? null, limit]);
    return found.map((r) => ({ announcementId: r.announcement_id, raterId: r.rater_id, score: r.score, comment: r.comment, as: r.ratee_role, createdAt: r.created_at }));
  }

  /** Counted from the guests' bookings (bookings_reliability: only those that count). */
  async reliabilityOf(userIds: readonly string[]): Promise<ReadonlyMap<string, Reliability>> {
    const found = await rows<{ guest_id: string; attended: number; no_shows: number; late: number }>(this.db, `
      SELECT guest_id, count(*) FILTER (WHERE attended)::int AS attended, count(*) FILTER (WHERE attended = false)::int AS no_shows,
             count(*) FILTER (WHERE cancelled_late)::int AS late
        FROM bookings WHERE guest_id = ANY($1::uuid[]) AND (attended IS NOT NULL OR cancelled_late) GROUP BY guest_id`, [userIds]);
    const byUser = new Map(found.map((r) => [r.guest_id, { attended: r.attended, noShows: r.no_shows, lateCancellations: r.late }]));
    return new Map(userIds.map((id) => [id, byUser.get(id) ?? NO_RELIABILITY]));
  }

  async pendingFor(userId: string, endedAfter: Date, limit: number): Promise<PendingRating[]> {
    const found = await rows<AnnouncementRow & { pending_ratee_id: string; pending_ratee_role: RatingRole }>(this.db, PENDING, [userId, endedAfter, limit]);
    return found.map((row) => ({ announcement: toAnnouncementState(row), rateeId: row.pending_ratee_id, as: row.pending_ratee_role }));
  }
}
