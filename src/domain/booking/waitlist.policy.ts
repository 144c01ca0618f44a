import { err, ok, type Result } from 'neverthrow';
import type { Announcement } from '../announcement/announcement.entity.js';
import type { DomainError } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import type { Booking } from './booking.entity.js';

/** A waiting booking's place in line among the screening's bookings: 1 for the first; null when it does not wait. */
export const waitlistPosition = (bookings: readonly Booking[], bookingId: string): number | null => {
  const index = inWaitlistOrder(bookings).findIndex((b) => b.id === bookingId);
  return index < 0 ? null : index + 1;
};

/** The waitlist in the order people asked: the time of the request, then the id. */
export const inWaitlistOrder = (bookings: readonly Booking[]): Booking[] =>
  bookings.filter((b) => b.status === 'waitlisted')
    .sort((a, b) => a.snapshot().createdAt.getTime() - b.snapshot().createdAt.getTime() || a.id.localeCompare(b.id));

/**
 * W2, the one place it is decided: after seats free up on a screening with automatic approval,
 * each waiting booking, in the order it was made, is accepted if its party fits in what is left;
 * a party that does not fit keeps its place, and smaller ones behind it may pass. It runs in the
 * transaction that freed the seats, under the screening's row lock, so no fitting party is left
 * waiting once it commits, and B2 holds. On a manual screening nobody is promoted: the host is
 * told how many seats freed and how many requests wait (`SeatsFreed`).
 */
export const promoteWaitlist = (
  announcement: Announcement, waitlist: readonly Booking[], pending: number, freed: number, now: Date,
): Result<{ promoted: Booking[]; events: DomainEvent[] }, DomainError> => {
  const promoted: Booking[] = [];
  const events: DomainEvent[] = [];
  // Once the screening has started, nobody is let in any more: what waits expires (W3).
  const over = announcement.isFinal || now.getTime() >= announcement.range.start.getTime();
  if (announcement.snapshot().approval !== 'auto' || over) {
    if (freed > 0 && pending > 0 && !over)
      events.push({ type: 'SeatsFreed', announcementId: announcement.id, seats: freed, waiting: pending });
    return ok({ promoted, events });
  }
  for (const booking of inWaitlistOrder(waitlist)) {
    if (booking.seats > announcement.seatsLeft) continue;
    const taken = booking.promote(announcement, now);
    if (taken.isErr()) return err(taken.error);
    promoted.push(booking);
    events.push(...taken.value);
  }
  return ok({ promoted, events });
};
