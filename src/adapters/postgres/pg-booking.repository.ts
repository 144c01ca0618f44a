import { err, ok, type Result } from 'neverthrow';
import { Booking, type BookingStatus, type DomainError } from '../../domain/index.js';
import type { BookingRepository, Lock } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';
import { constraintError } from './pg-constraints.js';
import { BOOKING_COLUMNS, toBookingState, type BookingRow } from './pg-rows.js';

const toBooking = (row: BookingRow): Booking => Booking.rehydrate(toBookingState(row));

export class PgBookingRepository implements BookingRepository {
  constructor(private readonly db: Queryable) {}

  async byId(id: string, lock?: Lock): Promise<Booking | null> {
    const [row] = await rows<BookingRow>(this.db,
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.id = $1${lock === 'for-update' ? ' FOR UPDATE' : ''}`, [id]);
    return row ? toBooking(row) : null;
  }

  async ofAnnouncement(announcementId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]> {
    const found = await rows<BookingRow>(this.db,
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1 AND ($2::text[] IS NULL OR b.status = ANY($2))
       ORDER BY b.created_at, b.id`, [announcementId, statuses ?? null]);
    return found.map(toBooking);
  }

  async latestOf(announcementId: string, guestId: string): Promise<Booking | null> {
    const [row] = await rows<BookingRow>(this.db,
      `SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1 AND b.guest_id = $2
       ORDER BY b.created_at DESC, b.id DESC LIMIT 1`, [announcementId, guestId]);
    return row ? toBooking(row) : null;
  }

  async save(booking: Booking, isNew: boolean): Promise<Result<void, DomainError>> {
    const s = booking.snapshot();
    try {
      if (isNew) {
        // The screening's time is copied from its row, so B3's exclusion constraint sees it.
        const inserted = await run(this.db, `INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, message, status,
            short_code, short_url, created_at, updated_at, decided_at, starts_at, ends_at)
          SELECT $1, a.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, a.starts_at, a.ends_at FROM announcements a WHERE a.id = $2`,
          [s.id, s.announcementId, s.guestId, s.hostId, s.seats, s.message, s.status, s.shortCode, s.shortUrl, s.createdAt, s.updatedAt,
            s.decidedAt]);
        if (inserted.rowCount !== 1) throw new Error(`booking ${s.id} points at a missing screening`);
      } else {
        const updated = await run(this.db, `UPDATE bookings SET seats = $2, message = $3, status = $4, updated_at = $5, decided_at = $6
          WHERE id = $1`, [s.id, s.seats, s.message, s.status, s.updatedAt, s.decidedAt]);
        if (updated.rowCount !== 1) throw new Error(`booking ${s.id} does not exist`);
      }
      return ok(undefined);
    } catch (error) {
      const rule = constraintError(error);
      if (rule) return err(rule);
      throw error;
    }
  }
}
