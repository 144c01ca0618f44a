import { err, ok, type Result } from 'neverthrow';
import { Booking, domainError, waitlistPosition, type DomainError, type ShortLink } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { LinkShortener } from '../ports/link-shortener.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import { bookingView, type BookingView } from '../shared/views.js';

export type CreateBookingCommand = {
  readonly guestId: string;
  readonly announcementId: string;
  readonly seats?: number;
  readonly message?: string | null;
  /** B8: on a full screening with automatic approval, join the waitlist (default) or be refused (false). */
  readonly waitlist?: boolean;
};

/** Visibility hangs on the host's friends, which are asked outside the transaction. */
type AskFriends = { readonly askFriendsOf: string };

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
    const [link, names] = await Promise.all([this.links.next(), this.people.names([command.guestId])]);
    const first = await this.decide(command, link, names);
    if (first.isOk() || !('askFriendsOf' in first.error)) return first as Result<BookingView, DomainError>;
    // A friends-only screening that nothing else opens to this guest: the user service is asked
    // outside the transaction (nothing remote while the screening is locked), then once more.
    const friends = await this.people.friendsOf(first.error.askFriendsOf);
    return (await this.decide(command, link, names, friends)).mapErr((e) => ('askFriendsOf' in e ? domainError('ANNOUNCEMENT.NOT_FOUND') : e));
  }

  /**
   * Two round trips on PostgreSQL: BEGIN, the screening's lock and the guest's (that order, see
   * docs/ARCHITECTURE.md), and everything the decision reads, in one message; the writes with
   * COMMIT (the unit of work sends what is issued together as one message).
   */
  private decide(
    command: CreateBookingCommand, link: ShortLink, names: ReadonlyMap<string, string>, friendsOfHost?: readonly string[],
  ): Promise<Result<BookingView, DomainError | AskFriends>> {
    return this.uow.transaction<BookingView, DomainError | AskFriends>(async ({ announcements, bookings, blocks, commitments, invites, outbox }) => {
      const { announcementId, guestId } = command;
      // The reads come after both locks in the message, each statement with a snapshot of its own:
      // a block that committed while this request waited is seen (S3), and the line is the order
      // requests reach the screening's lock (W1). They name the screening, not what its row says.
      const [announcement, , blocked, myBooking, invitation, guestCommitments, waiting] = await Promise.all([
        announcements.byId(announcementId, 'for-update'), commitments.lockUsers([guestId]),
        blocks.withHostOf(guestId, announcementId), bookings.latestOf(announcementId, guestId),
        invites.invitationOf(announcementId, guestId), commitments.overlappingScreening([guestId], announcementId),
        bookings.ofAnnouncement(announcementId, ['waitlisted']),
      ]);
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      const state = announcement.snapshot();
      const sees = this.access.judge(state, guestId, { blocked, myBooking, invitation }, friendsOfHost);
      if (sees === 'ask-friends') return err({ askFriendsOf: state.hostId });
      if (!sees) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      // The ids are time-ordered and taken under the lock, so a place in line once answered never worsens.
      const now = this.clock.now();
      const requested = Booking.request(announcement, {
        id: this.ids.next(), guestId, seats: command.seats, message: command.message, link, now, waitlist: command.waitlist, guestCommitments,
      });
      if (requested.isErr()) return err(requested.error);
      const { booking, events } = requested.value;
      const saved = await bookings.save(booking, true);
      if (saved.isErr()) return err(saved.error);
      if (events.some((e) => e.type === 'SeatsChanged')) await announcements.saveSeats(announcement);
      const position = booking.status === 'waitlisted' ? waitlistPosition([...waiting, booking], booking.id) : null;
      await outbox.append(this.composer.compose(events, {
        announcement: announcement.snapshot(), booking: booking.snapshot(), names, now, ...(position === null ? {} : { waitlistPosition: position }),
      }));
      return ok(bookingView(booking.snapshot(), announcement.snapshot(), position));
    });
  }
}
