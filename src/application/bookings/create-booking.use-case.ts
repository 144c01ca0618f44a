import { err, ok, type Result } from 'neverthrow';
import { Booking, domainError, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { LinkShortener } from '../ports/link-shortener.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import { bookingView, type BookingView } from '../shared/views.js';
import { positionInLine } from '../shared/waitlist.js';

export type CreateBookingCommand = {
  readonly guestId: string;
  readonly announcementId: string;
  readonly seats?: number;
  readonly message?: string | null;
  /** B8: on a full screening with automatic approval, join the waitlist (default) or be refused (false). */
  readonly waitlist?: boolean;
};

export class CreateBooking {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly links: LinkShortener,
    private readonly composer: NotificationComposer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: CreateBookingCommand): Promise<Result<BookingView, DomainError>> {
    const found = await this.access.visible(command.guestId, command.announcementId);
    if (found.isErr()) return err(found.error);
    // B1 is the domain's; asking early only spares a short link for a request bound to fail.
    if (found.value.isHostedBy(command.guestId)) return err(domainError('BOOKING.OWN_ANNOUNCEMENT'));
    const [link, names] = await Promise.all([this.links.next(), this.people.names([command.guestId])]);

    return this.uow.transaction(async ({ announcements, bookings, blocks, commitments, outbox }) => {
      // Lock order: the screening first, then people (docs/ARCHITECTURE.md).
      const announcement = await announcements.byId(command.announcementId, 'for-update');
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      await commitments.lockUsers([command.guestId]);
      // S3 once more under the guest's lock, which a block takes too: a block that committed
      // while this request was on its way is seen here, so no request slips in after it.
      if (await blocks.between(command.guestId, announcement.hostId)) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      // W1: the line is the order requests reach the screening's lock — time and id are taken
      // here, under it, so a place in line once answered never worsens (the ids are time-ordered).
      const id = this.ids.next();
      const now = this.clock.now();
      const requested = Booking.request(announcement, {
        id, guestId: command.guestId, seats: command.seats, message: command.message, link, now, waitlist: command.waitlist,
        guestCommitments: await commitments.overlapping([command.guestId], announcement.range),
      });
      if (requested.isErr()) return err(requested.error);
      const { booking, events } = requested.value;
      const saved = await bookings.save(booking, true);
      if (saved.isErr()) return err(saved.error);
      if (events.some((e) => e.type === 'SeatsChanged')) {
        const seatsSaved = await announcements.save(announcement, false);
        if (seatsSaved.isErr()) return err(seatsSaved.error);
      }
      const position = await positionInLine(bookings, booking);
      await outbox.append(this.composer.compose(events, {
        announcement: announcement.snapshot(), booking: booking.snapshot(), names, now, ...(position === null ? {} : { waitlistPosition: position }),
      }));
      return ok(bookingView(booking.snapshot(), announcement.snapshot(), position));
    });
  }
}
