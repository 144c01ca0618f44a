import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import { bookingViewFor, type BookingView } from '../shared/views.js';
import type { WaitlistPromotion } from '../shared/waitlist.js';

export type ChangeBookingStatusCommand = {
  readonly actorId: string;
  readonly bookingId: string;
  /** The host accepts or rejects; the guest cancels (B6). */
  readonly status: 'accepted' | 'rejected' | 'cancelled';
};

export class ChangeBookingStatus {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
    private readonly waitlist: WaitlistPromotion,
  ) {}

  async execute(command: ChangeBookingStatusCommand): Promise<Result<BookingView, DomainError>> {
    const current = await this.uow.reads.bookings.byId(command.bookingId);
    if (!current) return err(domainError('BOOKING.NOT_FOUND'));
    if (!current.isVisibleTo(command.actorId)) return err(domainError('BOOKING.FORBIDDEN'));
    const names = await this.people.names([current.guestId, current.hostId]);
    const now = this.clock.now();

    return this.uow.transaction(async (stores) => {
      const { announcements, bookings, outbox } = stores;
      // Lock order: the screening before its booking, as every writer does.
      const announcement = await announcements.byId(current.announcementId, 'for-update');
      const booking = await bookings.byId(command.bookingId, 'for-update');
      if (!announcement || !booking) return err(domainError('BOOKING.NOT_FOUND'));
      const held = booking.status === 'accepted' ? booking.seats : 0;
      const events = command.status === 'cancelled'
        ? booking.cancel(command.actorId, announcement, now)
        : booking.decide(command.actorId, command.status, announcement, now);
      if (events.isErr()) return err(events.error);
      const saved = await bookings.save(booking, false);
      if (saved.isErr()) return err(saved.error);
      // W2: seats given up go to the waitlist in the same transaction.
      const freed = booking.status === 'accepted' ? 0 : held;
      const promoted = freed > 0 ? await this.waitlist.afterRelease(stores, announcement, freed, now) : ok(0);
      if (promoted.isErr()) return err(promoted.error);
      if (events.value.some((e) => e.type === 'SeatsChanged')) {
        const seatsSaved = await announcements.save(announcement, false);
        if (seatsSaved.isErr()) return err(seatsSaved.error);
      }
      await outbox.append(this.composer.compose(events.value, {
        announcement: announcement.snapshot(), booking: booking.snapshot(), names, now,
      }));
      return ok(bookingViewFor(command.actorId, booking.snapshot(), announcement.snapshot()));
    });
  }
}
