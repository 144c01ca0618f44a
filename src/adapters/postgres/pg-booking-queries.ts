import type { BookingQueries, BookingWithAnnouncement, MyBookingsCriteria, ScheduleCriteria, ScheduleRow } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { ANNOUNCEMENT_COLUMNS, BOOKING_COLUMNS, toAnnouncementState, toBookingState, type AnnouncementRow, type BookingRow } from './pg-rows.js';

/**
 * One ordered index walk per side (bookings_of_guest, bookings_of_host), merged: `guest_id = $1
 * OR host_id = $1` cannot use either index for its order, and slowed with every booking a user had.
 * A user is never guest and host of one booking (B1), so the sides never share a row.
 */
const side = (column: 'guest_id' | 'host_id'): string => `(SELECT ${BOOKING_COLUMNS}, ${ANNOUNCEMENT_COLUMNS}
   FROM bookings b JOIN announcements a ON a.id = b.announcement_id
  WHERE b.${column} = $1 AND ($2::text IS NULL OR b.status = $2)
    AND ($3::timestamptz IS NULL OR (b.created_at, b.id) < ($3, $4::uuid))
  ORDER BY b.created_at DESC, b.id DESC LIMIT $5)`;

const OF_USER = {
  guest: side('guest_id'),
  host: side('host_id'),
  any: `SELECT * FROM (${side('guest_id')} UNION ALL ${side('host_id')}) AS mine ORDER BY b_created_at DESC, b_id DESC LIMIT $5`,
} as const;

export class PgBookingQueries implements BookingQueries {
  constructor(private readonly db: Queryable) {}

  async ofUser(c: MyBookingsCriteria): Promise<BookingWithAnnouncement[]> {
    const found = await rows<AnnouncementRow & BookingRow>(this.db, OF_USER[c.role ?? 'any'],
      [c.userId, c.status ?? null, c.after?.createdAt ?? null, c.after?.id ?? null, c.limit]);
    return found.map((row) => ({ booking: toBookingState(row), announcement: toAnnouncementState(row) }));
  }

  /**
   * Hosted screenings and the guest's live bookings (or those cancelled with their screening),
   * each half an index walk of the user's own rows, merged by start time.
   */
  async scheduleOf(c: ScheduleCriteria): Promise<ScheduleRow[]> {
    const found = await rows<AnnouncementRow & Partial<BookingRow>>(this.db, `
      WITH mine AS (
        (SELECT a.id AS announcement_id, NULL::uuid AS booking_id, a.starts_at FROM announcements a
          WHERE a.host_id = $1 AND a.ends_at > $2 AND ($3::timestamptz IS NULL OR a.starts_at < $3)
            AND ($4::timestamptz IS NULL OR (a.starts_at, a.id) > ($4, $5::uuid)))
        UNION ALL
        (SELECT b.announcement_id, b.id, b.starts_at FROM bookings b
          WHERE b.guest_id = $1 AND (b.status IN ('pending', 'accepted', 'waitlisted') OR b.cancelled_with_announcement)
            AND b.ends_at > $2 AND ($3::timestamptz IS NULL OR b.starts_at < $3)
            AND ($4::timestamptz IS NULL OR (b.starts_at, b.announcement_id) > ($4, $5::uuid)))
        ORDER BY starts_at, announcement_id LIMIT $6)
      SELECT ${BOOKING_COLUMNS}, ${ANNOUNCEMENT_COLUMNS}
        FROM mine m JOIN announcements a ON a.id = m.announcement_id LEFT JOIN bookings b ON b.id = m.booking_id
       ORDER BY a.starts_at, a.id`,
      [c.userId, c.from, c.to ?? null, c.after?.startsAt ?? null, c.after?.id ?? null, c.limit]);
    return found.map((row) => ({ announcement: toAnnouncementState(row), booking: row.b_id ? toBookingState(row as BookingRow) : null }));
  }
}
