import { err, ok, type Result } from 'neverthrow';
import { Booking, BOOKING_STATUSES, type BookingStatus, type DomainError } from '../../domain/index.js';
import type { AcceptedGuest, BookingRepository, Lock } from '../../application/index.js';
import { later, rows, type Queryable } from './pg-client.js';
import { constraintError } from './pg-constraints.js';
import {
  BOOKING_CHANGES, BOOKING_COLUMNS, BOOKING_WRITES, bookingStateOfJson, jsonRows, names, placeholders, toBookingState, valuesOf,
  type BookingRow, type JsonRow,
} from './pg-rows.js';

const toBooking = (row: BookingRow): Booking => Booking.rehydrate(toBookingState(row));
/** A booking that came back as one JSON value (jsonRows). */
const fromJson = ({ r }: JsonRow): Booking => Booking.rehydrate(bookingStateOfJson(r));

/** A booking of a screening that does not exist breaks the foreign key (a bug, thrown), not silently nothing. */
const INSERT = `INSERT INTO bookings (${names(BOOKING_WRITES).join(', ')}, starts_at, ends_at)
  VALUES (${placeholders(BOOKING_WRITES).join(', ')},
    (SELECT a.starts_at FROM announcements a WHERE a.id = $2), (SELECT a.ends_at FROM announcements a WHERE a.id = $2))`;
const UPDATE = `UPDATE bookings SET ${BOOKING_CHANGES.map((c, i) => `${c.name} = $${i + 2}`).join(', ')} WHERE id = $1`;

/**
 * A screening's bookings, in some statuses: the statuses are written into the text (from the
 * closed list, so one prepared statement per set the use cases ask for, a handful). As a parameter
 * (`$2 IS NULL OR status = ANY($2)`) the generic plan could use no partial index, looked dearer
 * than a plan for the values, and PostgreSQL planned the statement anew at every booking.
 */
const ofAnnouncement = (statuses?: readonly BookingStatus[]): string => {
  const known = statuses?.filter((s) => BOOKING_STATUSES.includes(s));
  const which = known ? ` AND b.status IN (${known.length > 0 ? known.map((s) => `'${s}'`).join(', ') : 'NULL'})` : '';
  return jsonRows(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1${which} ORDER BY b.created_at, b.id`, 'r.b_created_at, r.b_id');
};
const ACCEPTED_GUESTS = `SELECT b.guest_id, b.seats FROM bookings b WHERE b.announcement_id = $1 AND b.status = 'accepted'
  ORDER BY b.created_at, b.id`;

export class PgBookingRepository implements BookingRepository {
  constructor(private readonly db: Queryable) {}

  async byId(id: string, lock?: Lock): Promise<Booking | null> {
    const [found] = await rows<JsonRow>(this.db,
      jsonRows(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.id = $1${lock === 'for-update' ? ' FOR UPDATE' : ''}`), [id]);
    return found ? fromJson(found) : null;
  }

  async ofAnnouncement(announcementId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]> {
    const found = await rows<JsonRow>(this.db, ofAnnouncement(statuses), [announcementId]);
    return found.map(fromJson);
  }

  /**
   * An index-only scan of bookings_accepted_of_announcement. Asked for whole rows, the planner
   * took the exclusion constraint's GiST index instead (it misjudges a GiST probe on its third
   * column): 4 ms instead of 0.1 ms once the table held a history.
   */
  async guestsOf(announcementId: string): Promise<AcceptedGuest[]> {
    const found = await rows<{ guest_id: string; seats: number }>(this.db, ACCEPTED_GUESTS, [announcementId]);
    return found.map((r) => ({ guestId: r.guest_id, seats: r.seats }));
  }

  async latestOf(announcementId: string, guestId: string): Promise<Booking | null> {
    const [found] = await rows<JsonRow>(this.db,
      jsonRows(`SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1 AND b.guest_id = $2
       ORDER BY b.created_at DESC, b.id DESC LIMIT 1`), [announcementId, guestId]);
    return found ? fromJson(found) : null;
  }

  /** The partial index bookings_waitlisted (status = 'waitlisted'): small, as lists are. */
  async startedWithWaitlist(now: Date, limit: number): Promise<string[]> {
    const found = await rows<{ announcement_id: string }>(this.db,
      `SELECT announcement_id FROM bookings WHERE status = 'waitlisted' AND starts_at <= $1
       GROUP BY announcement_id ORDER BY min(starts_at), announcement_id LIMIT $2`, [now, limit]);
    return found.map((r) => r.announcement_id);
  }

  /** The guest's index (bookings_of_guest), narrowed to the host. */
  async activeOfGuestWithHost(guestId: string, hostId: string): Promise<Booking[]> {
    const found = await rows<BookingRow>(this.db,
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.guest_id = $1 AND b.host_id = $2 AND b.status IN ('pending', 'accepted', 'waitlisted')
       ORDER BY b.created_at, b.id`, [guestId, hostId]);
    return found.map(toBooking);
  }

  /**
   * Sent with the next statement or the commit (pg-client.ts, Batch): the booking is the one this
   * transaction created or read under its screening's lock. A key it breaks (B3, B9) comes back
   * from there as the rule it stands for (PgUnitOfWork).
   */
  async save(booking: Booking, isNew: boolean): Promise<Result<void, DomainError>> {
    const s = booking.snapshot();
    try {
      // The screening's time is copied from its row, so B3's exclusion constraint sees it.
      if (isNew) await later(this.db, INSERT, valuesOf(BOOKING_WRITES, s));
      else await later(this.db, UPDATE, [s.id, ...valuesOf(BOOKING_CHANGES, s)]);
      return ok(undefined);
    } catch (error) {
      const rule = constraintError(error);
      if (rule) return err(rule);
      throw error;
    }
  }
}
