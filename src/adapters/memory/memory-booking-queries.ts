import { ACTIVE_BOOKING_STATUSES } from '../../domain/index.js';
import type { BookingQueries, BookingWithAnnouncement, MyBookingsCriteria, ScheduleCriteria, ScheduleRow } from '../../application/index.js';
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

  async scheduleOf(c: ScheduleCriteria): Promise<ScheduleRow[]> {
    const rows: ScheduleRow[] = [];
    for (const announcement of this.db.announcements.values())
      if (announcement.hostId === c.userId) rows.push({ announcement, booking: null });
    for (const booking of this.db.bookings.values()) {
      if (booking.guestId !== c.userId) continue;
      if (!ACTIVE_BOOKING_STATUSES.includes(booking.status) && !booking.cancelledWithAnnouncement) continue;
      const announcement = this.db.announcements.get(booking.announcementId);
      if (announcement) rows.push({ announcement, booking });
    }
    const afterKey = c.after && { at: Date.parse(c.after.startsAt), id: c.after.id };
    return rows
      .filter(({ announcement: a }) => {
        const start = a.startsAt.getTime();
        if (start + a.durationMinutes * 60_000 <= c.from.getTime() || (c.to && start >= c.to.getTime())) return false;
        return !afterKey || start > afterKey.at || (start === afterKey.at && a.id > afterKey.id);
      })
      .sort((x, y) => x.announcement.startsAt.getTime() - y.announcement.startsAt.getTime() || x.announcement.id.localeCompare(y.announcement.id))
      .slice(0, c.limit);
  }
}
