import type { BookingQueries, BookingWithAnnouncement, MyBookingsCriteria } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

export class MemoryBookingQueries implements BookingQueries {
  constructor(private readonly db: MemoryDatabase) {}

  async ofUser(c: MyBookingsCriteria): Promise<BookingWithAnnouncement[]> {
    const after = c.after ? { at: Date.parse(c.after.createdAt), id: c.after.id } : undefined;
    const rows: BookingWithAnnouncement[] = [];
    for (const booking of this.db.bookings.values()) {
      const mine = c.role === 'guest' ? booking.guestId === c.userId
        : c.role === 'host' ? booking.hostId === c.userId
          : booking.guestId === c.userId || booking.hostId === c.userId;
      if (!mine || (c.status && booking.status !== c.status)) continue;
      const at = booking.createdAt.getTime();
      if (after && !(at < after.at || (at === after.at && booking.id < after.id))) continue;
      const announcement = this.db.announcements.get(booking.announcementId);
      if (announcement) rows.push({ booking, announcement });
    }
    return rows
      .sort((x, y) => y.booking.createdAt.getTime() - x.booking.createdAt.getTime() || y.booking.id.localeCompare(x.booking.id))
      .slice(0, c.limit);
  }
}
