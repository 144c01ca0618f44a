import { err, ok, type Result } from 'neverthrow';
import { ACTIVE_BOOKING_STATUSES, Announcement, Booking, domainError, type BookingStatus, type DomainError } from '../../domain/index.js';
import type { AcceptedGuest, BookingRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';
import { activeCommitments } from './memory-commitment.repository.js';

const byCreation = (a: Booking, b: Booking): number =>
  a.snapshot().createdAt.getTime() - b.snapshot().createdAt.getTime() || a.id.localeCompare(b.id);

export class MemoryBookingRepository implements BookingRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async byId(id: string): Promise<Booking | null> {
    const state = this.db.bookings.get(id);
    return state ? Booking.rehydrate(state) : null;
  }

  async ofAnnouncement(announcementId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]> {
    return [...this.db.bookings.values()]
      .filter((b) => b.announcementId === announcementId && (!statuses || statuses.includes(b.status)))
      .map((b) => Booking.rehydrate(b))
      .sort(byCreation);
  }

  async guestsOf(announcementId: string): Promise<AcceptedGuest[]> {
    return (await this.ofAnnouncement(announcementId, ['accepted'])).map((b) => ({ guestId: b.guestId, seats: b.seats }));
  }

  async latestOf(announcementId: string, guestId: string): Promise<Booking | null> {
    const mine = [...this.db.bookings.values()].filter((b) => b.announcementId === announcementId && b.guestId === guestId);
    return mine.map((b) => Booking.rehydrate(b)).sort(byCreation).at(-1) ?? null;
  }

  async startedWithWaitlist(now: Date, limit: number): Promise<string[]> {
    const started = new Map<string, number>();
    for (const b of this.db.bookings.values()) {
      const a = this.db.announcements.get(b.announcementId);
      if (b.status === 'waitlisted' && a && a.startsAt.getTime() <= now.getTime()) started.set(a.id, a.startsAt.getTime());
    }
    return [...started].sort(([x, s], [y, t]) => s - t || x.localeCompare(y)).slice(0, limit).map(([id]) => id);
  }

  async activeOfGuestWithHost(guestId: string, hostId: string): Promise<Booking[]> {
    return [...this.db.bookings.values()]
      .filter((b) => b.guestId === guestId && b.hostId === hostId && ACTIVE_BOOKING_STATUSES.includes(b.status))
      .map((b) => Booking.rehydrate(b))
      .sort(byCreation);
  }

  /** Mirrors the PostgreSQL constraints (B3 exclusion, B4 partial unique index). */
  async save(booking: Booking, isNew: boolean): Promise<Result<void, DomainError>> {
    const state = booking.snapshot();
    const announcement = this.db.announcements.get(state.announcementId);
    if (!announcement) throw new Error(`booking ${state.id} points at a missing screening`);
    if (booking.isActive) {
      const range = Announcement.rehydrate(announcement).range;
      const mine = activeCommitments(this.db, [state.guestId]).filter((c) => c.as === 'guest' && c.bookingId !== state.id);
      if (mine.some((c) => c.announcementId === state.announcementId)) return err(domainError('BOOKING.ALREADY_BOOKED'));
      const clash = mine.find((c) => c.range.overlaps(range));
      if (clash) return err(domainError('SCHEDULE.CONFLICT', { announcementId: clash.announcementId, as: 'guest' }));
    }
    this.db.save(this.db.bookings, state.id, state, isNew);
    this.db.touchedAnnouncements.add(state.announcementId);
    return ok(undefined);
  }
}
