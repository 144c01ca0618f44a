import { SearchFilms } from './films/search-films.use-case.js';
import { AnnouncementAccess } from './shared/announcement-access.js';
import { AnnouncementDetails } from './shared/announcement-details.js';
import { HostChanges } from './shared/host-changes.js';
import { NotificationComposer } from './shared/notification-composer.js';
import { People } from './shared/people.js';
import { CancelAnnouncement } from './announcements/cancel-announcement.use-case.js';
import { CompleteEndedAnnouncements } from './announcements/complete-ended-announcements.use-case.js';
import { CreateAnnouncement } from './announcements/create-announcement.use-case.js';
import { GetAnnouncement } from './announcements/get-announcement.use-case.js';
import { SearchAnnouncements } from './announcements/search-announcements.use-case.js';
import { UpdateAnnouncement } from './announcements/update-announcement.use-case.js';
import { ChangeBookingStatus } from './bookings/change-booking-status.use-case.js';
import { CreateBooking } from './bookings/create-booking.use-case.js';
import { GetBooking } from './bookings/get-booking.use-case.js';
import { ListAnnouncementBookings } from './bookings/list-announcement-bookings.use-case.js';
import { ListMyBookings } from './bookings/list-my-bookings.use-case.js';
import { DeliverNotifications, type DeliverySettings } from './notifications/deliver-notifications.use-case.js';
import { ReadInbox } from './notifications/read-inbox.use-case.js';
import { SendDueReminders } from './notifications/send-due-reminders.use-case.js';
import { RateParticipant } from './ratings/rate-participant.use-case.js';
import { ReadRatings } from './ratings/read-ratings.use-case.js';
import { ReadSchedule } from './schedule/read-schedule.use-case.js';
import { BlockUser } from './safety/block-user.use-case.js';
import { Blocks } from './safety/blocks.use-case.js';
import { FileReport } from './safety/file-report.use-case.js';
import { MarkAttendance } from './safety/mark-attendance.use-case.js';
import { LinkPreview } from './safety/link-preview.use-case.js';
import { ExpireWaitlists } from './bookings/expire-waitlists.use-case.js';
import { InviteLinks } from './invitations/invite-links.use-case.js';
import { InviteUsers } from './invitations/invite-users.use-case.js';
import { WaitlistPromotion } from './shared/waitlist.js';
import type { InviteTokens } from './ports/invite-tokens.port.js';
import type { TimeZoneLookup } from './ports/time-zone-lookup.port.js';
import type { Clock } from './ports/clock.port.js';
import type { FilmCatalog } from './ports/film-catalog.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { LinkShortener } from './ports/link-shortener.port.js';
import type { NotificationSender } from './ports/notification-sender.port.js';
import type { RandomSource } from './ports/random.port.js';
import type { StoragePorts } from './ports/storage-ports.port.js';
import type { UserDirectory } from './ports/user-directory.port.js';

/** Everything the core needs from outside: a storage backend's ports, the neighbours, time and ids. */
export type CorePorts = StoragePorts & {
  readonly users: UserDirectory;
  readonly films: FilmCatalog;
  /** New short links (a screening's, a booking's); `links` (StoragePorts) resolves them. */
  readonly shortener: LinkShortener;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Where links to this service lead (a report's link to its subject, an invite link). */
  readonly publicBaseUrl: string;
  /** I1: invite links' tokens, derived with the service's secret. */
  readonly inviteTokens: InviteTokens;
  /** T1: the zone a place's point lies in; without it, places without a zone keep UTC. */
  readonly timeZones?: TimeZoneLookup;
  /** Only for a service that hands notifications on (the dispatcher); without it, `deliverNotifications` is null. */
  readonly delivery?: { readonly sender: NotificationSender; readonly random: RandomSource; readonly settings: DeliverySettings };
};

/**
 * Every use case, wired on the ports given: what another service needs to run Watch Together's
 * rules with adapters of its own (the service itself builds it in its container, from tokens a
 * test or a deployment may rebind).
 */
export const createCore = (p: CorePorts) => {
  const people = new People(p.users, p.ratings);
  const access = new AnnouncementAccess(p.uow.reads, people, p.clock);
  const composer = new NotificationComposer(p.ids);
  const details = new AnnouncementDetails(p.uow.reads, people);
  const hostChanges = new HostChanges(p.uow, access, people, composer, p.clock, details);
  const waitlist = new WaitlistPromotion(composer);
  const createBooking = new CreateBooking(p.uow, access, people, p.shortener, composer, p.ids, p.clock);
  return {
    createAnnouncement: new CreateAnnouncement(p.uow, p.films, p.shortener, p.ids, p.clock, details, p.timeZones),
    searchAnnouncements: new SearchAnnouncements(p.search, people, p.clock),
    searchFilms: new SearchFilms(p.films),
    getAnnouncement: new GetAnnouncement(p.uow, access, details, people),
    updateAnnouncement: new UpdateAnnouncement(hostChanges, waitlist, p.timeZones),
    cancelAnnouncement: new CancelAnnouncement(hostChanges),
    completeEndedAnnouncements: new CompleteEndedAnnouncements(p.uow, composer, p.clock),
    createBooking,
    expireWaitlists: new ExpireWaitlists(p.uow, composer, p.clock),
    inviteLinks: new InviteLinks(p.uow, access, details, createBooking, p.inviteTokens, p.ids, p.clock, p.publicBaseUrl),
    inviteUsers: new InviteUsers(p.uow, access, people, composer, p.clock),
    listAnnouncementBookings: new ListAnnouncementBookings(p.uow.reads, access, people),
    listMyBookings: new ListMyBookings(p.bookingQueries, p.uow.reads),
    getBooking: new GetBooking(p.uow.reads),
    changeBookingStatus: new ChangeBookingStatus(p.uow, people, composer, p.clock, waitlist),
    readInbox: new ReadInbox(p.inbox),
    rateParticipant: new RateParticipant(p.uow, access, p.clock),
    readRatings: new ReadRatings(p.ratings, people, p.clock),
    readSchedule: new ReadSchedule(p.bookingQueries, p.calendarFeeds, p.clock),
    sendDueReminders: new SendDueReminders(p.reminders, p.uow, composer, p.clock),
    blockUser: new BlockUser(p.uow, people, composer, p.clock, waitlist),
    blocks: new Blocks(p.uow, people),
    fileReport: new FileReport(p.uow, access, people, p.ids, p.clock, p.publicBaseUrl),
    markAttendance: new MarkAttendance(p.uow, access, people, composer, p.clock),
    linkPreview: new LinkPreview(p.uow.reads),
    deliverNotifications: p.delivery
      ? new DeliverNotifications(p.outboxDelivery, p.delivery.sender, p.clock, p.delivery.random, p.delivery.settings)
      : null,
  };
};

export type Core = ReturnType<typeof createCore>;
