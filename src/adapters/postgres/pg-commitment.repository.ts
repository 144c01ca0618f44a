import { TimeRange, type Commitment } from '../../domain/index.js';
import type { CommitmentRepository } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';

type CommitmentRow = { user_id: string; announcement_id: string; starts_at: Date; ends_at: Date; role: 'host' | 'guest' };

export class PgCommitmentRepository implements CommitmentRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Transaction-scoped advisory locks, taken in one sorted pass so that two transactions
   * locking overlapping sets of users cannot deadlock.
   */
  async lockUsers(userIds: readonly string[]): Promise<void> {
    await run(this.db, `SELECT count(pg_advisory_xact_lock(k)) FROM (
        SELECT DISTINCT hashtextextended('user-schedule:' || u, 0) AS k FROM unnest($1::text[]) AS u ORDER BY k) AS keys`,
      [userIds]);
  }

  /**
   * The first two parts use the exclusion constraints' GiST indexes (same expressions, same
   * predicates); waiting bookings (B9), which the exclusion constraint does not cover, the small
   * partial index bookings_waitlisted_of_guest. One user — a booking's guest, a new screening's
   * host — is matched with `=`: against `= ANY($1)` PostgreSQL's generic plan assumes ten users,
   * looks three times dearer than a plan for the one it is given, and so the statement was planned
   * anew at every booking (1.6 ms, some 40 % of PostgreSQL's CPU on the booking path).
   */
  async overlapping(userIds: readonly string[], range: TimeRange): Promise<Commitment[]> {
    return this.overlappingFrom(userIds, { range: "tstzrange($2, $3, '[)')", from: '$2', to: '$3' }, [range.start, range.end]);
  }

  /**
   * The screening's time as subqueries, each run once before the scans that take it as their key;
   * NULL when there is no such screening, which overlaps nothing (a range built of NULL bounds
   * would be unbounded, and overlap everything).
   */
  async overlappingScreening(userIds: readonly string[], announcementId: string): Promise<Commitment[]> {
    const of = (what: string) => `(SELECT ${what} FROM announcements WHERE id = $2)`;
    return this.overlappingFrom(userIds, { range: of("tstzrange(starts_at, ends_at, '[)')"), from: of('starts_at'), to: of('ends_at') }, [announcementId]);
  }

  private async overlappingFrom(userIds: readonly string[], bounds: { range: string; from: string; to: string }, values: unknown[]): Promise<Commitment[]> {
    const one = userIds.length === 1;
    const is = (column: string) => (one ? `${column} = $1::uuid` : `${column} = ANY($1::uuid[])`);
    const { range, from, to } = bounds;
    const found = await rows<CommitmentRow>(this.db, `
      SELECT host_id AS user_id, id AS announcement_id, starts_at, ends_at, 'host' AS role FROM announcements
       WHERE ${is('host_id')} AND status IN ('open', 'closed')
         AND tstzrange(starts_at, ends_at, '[)') && ${range}
      UNION ALL
      SELECT b.guest_id, b.announcement_id, a.starts_at, a.ends_at, 'guest' FROM bookings b JOIN announcements a ON a.id = b.announcement_id
       WHERE ${is('b.guest_id')} AND b.status IN ('pending', 'accepted') AND a.status IN ('open', 'closed')
         AND tstzrange(b.starts_at, b.ends_at, '[)') && ${range}
      UNION ALL
      SELECT b.guest_id, b.announcement_id, a.starts_at, a.ends_at, 'guest' FROM bookings b JOIN announcements a ON a.id = b.announcement_id
       WHERE ${is('b.guest_id')} AND b.status = 'waitlisted' AND a.status IN ('open', 'closed')
         AND b.starts_at < ${to} AND b.ends_at > ${from}`,
      [one ? userIds[0] : userIds, ...values]);
    return found.map((r) => ({ userId: r.user_id, announcementId: r.announcement_id, range: TimeRange.between(r.starts_at, r.ends_at), as: r.role }));
  }
}
