import { err, ok, type Result } from 'neverthrow';
import { Announcement, domainError, type DomainError } from '../../domain/index.js';
import type { AnnouncementRepository, Lock } from '../../application/index.js';
import { later, rows, run, type Queryable } from './pg-client.js';
import { constraintError } from './pg-constraints.js';
import {
  ANNOUNCEMENT_COLUMNS, ANNOUNCEMENT_TIMES, ANNOUNCEMENT_WRITES, jsonRows, names, placeholders, toAnnouncementState, valuesOf, withDates,
  type AnnouncementRow, type JsonRow,
} from './pg-rows.js';

const INSERT = `INSERT INTO announcements (${names(ANNOUNCEMENT_WRITES).join(', ')}, host_score)
  VALUES (${placeholders(ANNOUNCEMENT_WRITES).join(', ')},
  coalesce((SELECT host_score FROM user_ratings WHERE user_id = $2), 3.00))`;
const ASSIGNMENTS = ANNOUNCEMENT_WRITES.slice(1).map((c, i) => `${c.name} = $${i + 2}`).join(', ');

/** A moved screening moves its bookings; if that double-books a guest, the move is what failed. */
const onSave = (seatsTaken: number) => ({
  bookings_guest_no_overlap: () => domainError('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT'),
  announcements_seats_within_capacity: () => domainError('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN', { seatsTaken }),
});

const SAVE = `
  WITH before AS MATERIALIZED (SELECT starts_at, ends_at FROM announcements WHERE id = $1),
    saved AS (UPDATE announcements SET ${ASSIGNMENTS} WHERE id = $1 RETURNING id, starts_at, ends_at),
    shifted AS MATERIALIZED (SELECT s.id, s.starts_at, s.ends_at FROM saved s JOIN before o ON (o.starts_at, o.ends_at) IS DISTINCT FROM (s.starts_at, s.ends_at)),
    moved AS (UPDATE bookings b SET starts_at = s.starts_at, ends_at = s.ends_at FROM shifted s
      WHERE b.announcement_id = s.id AND (b.starts_at, b.ends_at) IS DISTINCT FROM (s.starts_at, s.ends_at))
  SELECT count(*)::int AS found FROM saved`;

export class PgAnnouncementRepository implements AnnouncementRepository {
  constructor(private readonly db: Queryable) {}

  async byId(id: string, lock?: Lock): Promise<Announcement | null> {
    const [found] = await rows<JsonRow>(this.db,
      jsonRows(`SELECT ${ANNOUNCEMENT_COLUMNS} FROM announcements a WHERE a.id = $1${lock === 'for-update' ? ' FOR UPDATE' : ''}`), [id]);
    return found ? Announcement.rehydrate(toAnnouncementState(withDates<AnnouncementRow>(found.r, ANNOUNCEMENT_TIMES))) : null;
  }

  async save(announcement: Announcement, isNew: boolean): Promise<Result<void, DomainError>> {
    const state = announcement.snapshot();
    const values = valuesOf(ANNOUNCEMENT_WRITES, state);
    try {
      if (isNew) {
        // The host's current rating as host comes along, so rating sorts need no join.
        await run(this.db, INSERT, values);
      } else {
        // One round trip: the row, and its bookings' copy of the time when it moved. Most saves
        // only count seats; comparing with the row as it was (`before`: CTEs share one snapshot;
        // MATERIALIZED keeps the planner from folding the comparison into the bookings scan)
        // spares them a walk over every booking of the screening, under its row lock.
        const [saved] = await rows<{ found: number }>(this.db, SAVE, values);
        if (saved?.found !== 1) throw new Error(`announcement ${announcement.id} does not exist`);
      }
      return ok(undefined);
    } catch (error) {
      const rule = constraintError(error, onSave(state.seatsTaken));
      if (rule) return err(rule);
      throw error;
    }
  }

  /** Sent with the next statement or the commit (pg-client.ts, Batch). */
  async saveSeats(announcement: Announcement): Promise<void> {
    const s = announcement.snapshot();
    await later(this.db, 'UPDATE announcements SET seats_taken = $2, updated_at = $3, version = $4 WHERE id = $1',
      [s.id, s.seatsTaken, s.updatedAt, s.version]);
  }

  async activeOfHost(hostId: string, lock: Lock): Promise<Announcement[]> {
    const found = await rows<AnnouncementRow>(this.db,
      `SELECT ${ANNOUNCEMENT_COLUMNS} FROM announcements a WHERE a.host_id = $1 AND a.status IN ('open', 'closed')
       ORDER BY a.id${lock === 'for-update' ? ' FOR UPDATE' : ''}`, [hostId]);
    return found.map((row) => Announcement.rehydrate(toAnnouncementState(row)));
  }

  async endedBy(now: Date, limit: number): Promise<string[]> {
    const found = await rows<{ id: string }>(this.db,
      `SELECT id FROM announcements WHERE status IN ('open', 'closed') AND ends_at <= $1 ORDER BY ends_at, id LIMIT $2`, [now, limit]);
    return found.map((r) => r.id);
  }
}
