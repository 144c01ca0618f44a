import type { BookingQueries, BookingWithAnnouncement, MyBookingsCriteria } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { ANNOUNCEMENT_COLUMNS, BOOKING_COLUMNS, toAnnouncementState, toBookingState, type AnnouncementRow, type BookingRow } from './pg-rows.js';

const ROLE = {
  guest: 'b.guest_id = $1',
  host: 'b.host_id = $1',
  any: '(b.guest_id = $1 OR b.host_id = $1)',
} as const;

export class PgBookingQueries implements BookingQueries {
  constructor(private readonly db: Queryable) {}

  async ofUser(c: MyBookingsCriteria): Promise<BookingWithAnnouncement[]> {
    const found = await rows<AnnouncementRow & BookingRow>(this.db, `
      SELECT ${BOOKING_COLUMNS}, ${ANNOUNCEMENT_COLUMNS} FROM bookings b JOIN announcements a ON a.id = b.announcement_id
       WHERE ${ROLE[c.role ?? 'any']} AND ($2::text IS NULL OR b.status = $2)
         AND ($3::timestamptz IS NULL OR (b.created_at, b.id) < ($3, $4::uuid))
       ORDER BY b.created_at DESC, b.id DESC LIMIT $5`,
      [c.userId, c.status ?? null, c.after?.createdAt ?? null, c.after?.id ?? null, c.limit]);
    return found.map((row) => ({ booking: toBookingState(row), announcement: toAnnouncementState(row) }));
  }
}
