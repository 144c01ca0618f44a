import type { BookingQueries, BookingWithAnnouncement, MyBookingsCriteria } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';
import { isAfter, newestFirst } from './memory-keyset.js';

export class MemoryBookingQueries implements BookingQueries {
  constructor(private readonly db: MemoryDatabase) {}

  async ofUser(c: MyBookingsCriteria): Promise<BookingWithAnnouncement[]> {
    const rows: BookingWithAnnouncement[] = [];
    for (const booking of this.db.bookings.values()) {
      const mine = c.role === 'guest' ? booking.guestId === c.userId
        : c.role === 'host' ? booking.hostId === c.userId
          : booking.guestId === c.userId || booking.hostId === c.userId;
      if (!mine || (c.status && booking.status !== c.status)) continue;
      if (!isAfter(booking, c.after)) continue;
      const announcement = this.db.announcements.get(booking.announcementId);
      if (announcement) rows.push({ booking, announcement });
    }
    return rows
      .sort((x, y) => newestFirst(x.booking, y.booking))
      .slice(0, c.limit);
  }
}
