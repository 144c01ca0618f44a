import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import { bookingViewFor, type BookingView } from '../shared/views.js';
import { positionInLine } from '../shared/waitlist.js';

export class GetBooking {
  constructor(private readonly reads: ReadStores) {}

  async execute(viewerId: string, bookingId: string): Promise<Result<BookingView, DomainError>> {
    const booking = await this.reads.bookings.byId(bookingId);
    if (!booking) return err(domainError('BOOKING.NOT_FOUND'));
    if (!booking.isVisibleTo(viewerId)) return err(domainError('BOOKING.FORBIDDEN'));
    const announcement = await this.reads.announcements.byId(booking.announcementId);
    if (!announcement) throw new Error(`booking ${bookingId} points at a missing screening`);
    return ok(bookingViewFor(viewerId, booking.snapshot(), announcement.snapshot(), await positionInLine(this.reads.bookings, booking)));
  }
}
