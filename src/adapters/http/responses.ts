import { z } from 'zod';
import { ANNOUNCEMENT_STATUSES, APPROVALS, BOOKING_STATUSES, NOTIFICATION_TYPES, PRIVACIES } from '../../domain/index.js';

/**
 * Response schemas: one per answer, strict (a field not listed here is a failure wherever
 * answers are checked: every test run checks every answer against its route's schema). The
 * OpenAPI document, the web page's types and an integrator's generated client all come from
 * them. They describe the JSON on the wire: instants are ISO-8601 strings in UTC.
 */
const instant = z.iso.datetime();
const url = z.url();

const ExactPlace = z.strictObject({
  city: z.string(),
  address: z.string(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  timeZone: z.string().describe('the IANA zone of the place (T1), e.g. Europe/Berlin: times shown to people are in it'),
  addressHidden: z.literal(false),
}).meta({ id: 'ExactPlace', description: 'where it is: for the host and guests whose booking is accepted' });

export const ApproximateArea = z.strictObject({
  lat: z.number(), lon: z.number(), radiusKm: z.number().describe('the place is within this of the point'),
}).meta({ id: 'ApproximateArea', description: 'the centre of the ~1 km grid cell the place is in: the same for every screening at that address' });

const HiddenPlace = z.strictObject({
  city: z.string(),
  area: ApproximateArea.optional().describe('when the host gave a point'),
  timeZone: z.string().describe('the IANA zone of the place (T1), e.g. Europe/Berlin: times shown to people are in it'),
  addressHidden: z.literal(true),
}).meta({ id: 'HiddenPlace', description: 'what everyone else sees; the address is shown once the host accepts you' });

export const PlaceView = z.discriminatedUnion('addressHidden', [ExactPlace, HiddenPlace]).meta({ id: 'PlaceView' });

export const Reliability = z.strictObject({
  attended: z.int().describe('screenings the host marked them at'),
  noShows: z.int().describe('accepted, and not there'),
  lateCancellations: z.int().describe('accepted, then cancelled less than 24 h before the start'),
}).meta({ id: 'Reliability' });

export const RatingSide = z.strictObject({
  average: z.number().nullable(), count: z.int(), score: z.number().describe('Bayesian mean, prior 3.0 with weight 5'),
}).meta({ id: 'RatingSide' });

const name = z.string().nullable()
  .describe('display name; null when the user service does not know the user or cannot be reached (names are display data: the rest of the answer stands)');

export const RatedPerson = z.strictObject({ id: z.uuid(), name, rating: RatingSide }).meta({ id: 'RatedPerson' });

const FilmRef = z.strictObject({ id: z.string(), title: z.string() });

export const ScreeningSummary = z.strictObject({
  id: z.uuid(), title: z.string(), startsAt: instant, endsAt: instant, shortUrl: url, movie: FilmRef,
}).meta({ id: 'ScreeningSummary' });

const announcementFields = {
  id: z.uuid(), hostId: z.uuid(), movieId: z.string(), title: z.string(), description: z.string(),
  startsAt: instant, durationMinutes: z.int(), endsAt: instant, place: PlaceView, capacity: z.int(),
  privacy: z.enum(PRIVACIES), isFree: z.boolean(), tags: z.array(z.string()), approval: z.enum(APPROVALS),
  status: z.enum(ANNOUNCEMENT_STATUSES), seatsTaken: z.int(), seatsLeft: z.int(), shortUrl: url,
  createdAt: instant, updatedAt: instant, version: z.int(),
};

export const Booking = z.strictObject({
  id: z.uuid(), announcementId: z.uuid(), guestId: z.uuid(), hostId: z.uuid(), seats: z.int(),
  message: z.string().nullable(), status: z.enum(BOOKING_STATUSES), shortUrl: url,
  createdAt: instant, updatedAt: instant, decidedAt: instant.nullable(),
  attended: z.boolean().nullable().describe('the host’s word after the screening: came, did not come, or not said (null)'),
  waitlistPosition: z.int().min(1).nullable().describe('while waitlisted: the place in line, 1 = next (W1); null otherwise'),
  announcement: ScreeningSummary.extend({ status: z.enum(ANNOUNCEMENT_STATUSES), place: PlaceView }),
}).meta({ id: 'Booking' });

export const HostBooking = Booking.extend({ guest: RatedPerson.extend({ reliability: Reliability }) }).meta({ id: 'HostBooking' });
export const HostBookingList = z.array(HostBooking).meta({ id: 'HostBookingList' });

export const AnnouncementListItem = z.strictObject({
  ...announcementFields, host: RatedPerson, movie: FilmRef,
}).meta({ id: 'AnnouncementListItem' });

export const Film = z.strictObject({ id: z.string(), title: z.string(), durationMinutes: z.int() }).meta({ id: 'Film' });
export const FilmList = z.strictObject({ items: z.array(Film).describe('best match first') }).meta({ id: 'FilmList' });

export const AnnouncementDetail = z.strictObject({
  ...announcementFields,
  host: RatedPerson,
  movie: Film,
  guests: z.array(RatedPerson.extend({ seats: z.int() })).optional().describe('accepted guests: for the host and accepted guests only'),
  guestCount: z.int().describe('how many guests are accepted'),
  myBooking: Booking.nullable().describe('the caller’s latest booking here'),
}).meta({ id: 'AnnouncementDetail' });

export const Notification = z.strictObject({
  id: z.uuid(), type: z.enum(NOTIFICATION_TYPES), recipientId: z.uuid(), announcementId: z.uuid().optional(),
  bookingId: z.uuid().optional(), link: url, title: z.string(), body: z.string(), createdAt: instant,
}).meta({ id: 'Notification' });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable().describe('pass as `cursor` for the next page; null on the last') }).meta({ id });
export const AnnouncementPage = page(AnnouncementListItem, 'AnnouncementPage');
export const BookingPage = page(Booking, 'BookingPage');
export const InboxItem = Notification.extend({
  read: z.boolean().describe('at or before the read mark `POST /me/notifications/read` moves'),
}).meta({ id: 'InboxItem' });
export const NotificationPage = page(InboxItem, 'NotificationPage').extend({
  unreadCount: z.int().min(0).describe('all of my unread notifications, not only this page’s'),
}).meta({ id: 'NotificationPage' });

export const Rating = z.strictObject({
  announcementId: z.uuid(), raterId: z.uuid(), rateeId: z.uuid(),
  as: z.enum(['host', 'guest']).describe('the side of the ratee’s rating it counts towards'),
  score: z.int(), comment: z.string().nullable(), createdAt: instant, updatedAt: instant,
  changeableUntil: instant.describe('14 days after the screening’s end'),
}).meta({ id: 'Rating' });

const Review = z.strictObject({
  score: z.int(), comment: z.string(), role: z.enum(['host', 'guest']).describe('written about them as host, or as guest'),
  createdAt: instant, by: z.strictObject({ id: z.uuid(), name }),
}).meta({ id: 'Review' });

export const UserRating = z.strictObject({
  userId: z.uuid(), asHost: RatingSide, asGuest: RatingSide, reliability: Reliability,
  reviews: page(Review, 'ReviewPage').describe('the latest rating comments, newest first'),
}).meta({ id: 'UserRating' });

export const BlockView = z.strictObject({ user: z.strictObject({ id: z.uuid(), name }), createdAt: instant }).meta({ id: 'Block' });
export const BlockPage = page(BlockView, 'BlockPage');
export const ReportReceipt = z.strictObject({ id: z.uuid(), status: z.literal('open') }).meta({ id: 'ReportReceipt' });
export const Attendance = z.strictObject({ guestId: z.uuid(), attended: z.boolean() }).meta({ id: 'Attendance' });

export const InviteLink = z.strictObject({
  token: z.string().describe('unguessable; only its hash is stored'),
  url: url.describe('the page to send: whoever opens it while it lives sees the screening and may ask for seats'),
  announcementId: z.uuid(),
  createdAt: instant,
  revokedAt: instant.nullable(),
  live: z.boolean().describe('neither revoked nor past the screening’s start'),
}).meta({ id: 'InviteLink' });
export const InviteLinkList = z.strictObject({ items: z.array(InviteLink) }).meta({ id: 'InviteLinkList' });
export const InvitationsView = z.strictObject({
  invited: z.array(z.strictObject({ id: z.uuid(), name })).describe('everyone named; each is told once'),
}).meta({ id: 'InvitationsView' });

export const PendingRatings = z.strictObject({
  items: z.array(z.strictObject({
    announcement: ScreeningSummary,
    ratee: z.strictObject({ id: z.uuid(), name }),
    as: z.enum(['host', 'guest']).describe('host: rate the host of a screening you attended; guest: rate a guest of yours'),
    rateBy: instant,
  })),
}).meta({ id: 'PendingRatings' });

export const ScheduleItem = z.strictObject({
  role: z.enum(['host', 'guest']),
  booking: z.strictObject({ id: z.uuid(), status: z.enum(BOOKING_STATUSES), seats: z.int(), shortUrl: url }).nullable()
    .describe('your booking when you attend as a guest; null when you host'),
  announcement: ScreeningSummary.extend({
    hostId: z.uuid(), description: z.string(), durationMinutes: z.int(), place: PlaceView,
    status: z.enum(ANNOUNCEMENT_STATUSES), version: z.int(), updatedAt: instant,
  }),
}).meta({ id: 'ScheduleItem' });
export const SchedulePage = page(ScheduleItem, 'SchedulePage');

export const CalendarFeed = z.strictObject({
  url: url.describe('secret: anyone holding it reads your schedule; a new POST replaces it'),
}).meta({ id: 'CalendarFeed' });

export const Calendar = z.string().describe('RFC 5545 iCalendar: one VEVENT per screening');

const ProblemField = z.strictObject({ in: z.enum(['body', 'query', 'path', 'header']), path: z.string(), message: z.string() });

/** RFC 9457 problem details; `code` is the stable name to switch on. The extension members are each one refusal's. */
export const Problem = z.strictObject({
  type: z.string().describe('urn:watch-together:problem:{code in lower case}'),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string(),
  errors: z.array(ProblemField).optional().describe('each field that was refused, where it was (body, query, path, header) and why'),
  seatsLeft: z.int().optional().describe('BOOKING.NO_SEATS_LEFT: the seats still free'),
  seatsTaken: z.int().optional().describe('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN: the seats already taken'),
  currentVersion: z.int().optional().describe('ANNOUNCEMENT.VERSION_MISMATCH: the version to send in If-Match'),
  conflictingAnnouncementId: z.uuid().optional().describe('SCHEDULE.CONFLICT: the screening it overlaps'),
  screeningStatus: z.enum(ANNOUNCEMENT_STATUSES).optional().describe('RATING.NOT_YET, ATTENDANCE.NOT_YET, INVITE.CLOSED: where the screening stands'),
  neighbour: z.string().optional().describe('NEIGHBOUR.UNAVAILABLE: which service cannot answer'),
}).meta({ id: 'Problem' });
