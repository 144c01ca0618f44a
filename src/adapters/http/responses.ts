import { z } from 'zod';
import { ANNOUNCEMENT_STATUSES, APPROVALS, BOOKING_STATUSES, NOTIFICATION_TYPES, PRIVACIES } from '../../domain/index.js';
import { Place } from './schemas.js';

/** Response schemas: documentation only (the OpenAPI document); answers are built by the use cases. */
const instant = z.iso.datetime();
const RatingSide = z.object({
  average: z.number().nullable(), count: z.int(), score: z.number().describe('Bayesian mean, prior 3.0 with weight 5'),
}).meta({ id: 'RatingSide' });
const RatedPerson = z.object({
  id: z.uuid(),
  name: z.string().nullable().describe('display name; null when the user service does not know the user or cannot be reached (names are display data: the rest of the answer stands)'),
  rating: RatingSide,
}).meta({ id: 'RatedPerson' });

const AnnouncementCore = z.object({
  id: z.uuid(), hostId: z.uuid(), movieId: z.string(), title: z.string(), description: z.string(),
  startsAt: instant, durationMinutes: z.int(), endsAt: instant, place: Place, capacity: z.int(),
  privacy: z.enum(PRIVACIES), isFree: z.boolean(), tags: z.array(z.string()), approval: z.enum(APPROVALS),
  status: z.enum(ANNOUNCEMENT_STATUSES), seatsTaken: z.int(), seatsLeft: z.int(), shortUrl: z.url(),
  createdAt: instant, updatedAt: instant, version: z.int(),
});

export const Booking = z.object({
  id: z.uuid(), announcementId: z.uuid(), guestId: z.uuid(), hostId: z.uuid(), seats: z.int(),
  message: z.string().nullable(), status: z.enum(BOOKING_STATUSES), shortUrl: z.url(),
  createdAt: instant, updatedAt: instant, decidedAt: instant.nullable(),
  announcement: z.object({
    id: z.uuid(), title: z.string(), startsAt: instant, endsAt: instant, status: z.enum(ANNOUNCEMENT_STATUSES),
    place: Place, shortUrl: z.url(), movie: z.object({ id: z.string(), title: z.string() }),
  }),
}).meta({ id: 'Booking' });

export const HostBooking = Booking.extend({ guest: RatedPerson }).meta({ id: 'HostBooking' });

export const AnnouncementListItem = AnnouncementCore.extend({
  host: RatedPerson, movie: z.object({ id: z.string(), title: z.string() }),
}).meta({ id: 'AnnouncementListItem' });

export const AnnouncementDetail = AnnouncementCore.extend({
  host: RatedPerson,
  movie: z.object({ id: z.string(), title: z.string(), durationMinutes: z.int() }),
  guests: z.array(RatedPerson.extend({ seats: z.int() })).describe('accepted guests'),
  myBooking: Booking.nullable().describe('the caller’s latest booking here'),
}).meta({ id: 'AnnouncementDetail' });

export const Notification = z.object({
  id: z.uuid(), type: z.enum(NOTIFICATION_TYPES), recipientId: z.uuid(), announcementId: z.uuid(),
  bookingId: z.uuid().optional(), link: z.url(), title: z.string(), body: z.string(), createdAt: instant,
}).meta({ id: 'Notification' });

const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
export const AnnouncementPage = page(AnnouncementListItem, 'AnnouncementPage');
export const BookingPage = page(Booking, 'BookingPage');
export const NotificationPage = page(Notification, 'NotificationPage');

export const Rating = z.object({
  announcementId: z.uuid(), raterId: z.uuid(), rateeId: z.uuid(),
  as: z.enum(['host', 'guest']).describe('the side of the ratee’s rating it counts towards'),
  score: z.int(), comment: z.string().nullable(), createdAt: instant, updatedAt: instant,
  changeableUntil: instant.describe('14 days after the screening’s end'),
}).meta({ id: 'Rating' });

export const UserRating = z.object({ userId: z.uuid(), asHost: RatingSide, asGuest: RatingSide }).meta({ id: 'UserRating' });

const ScreeningSummary = z.object({
  id: z.uuid(), title: z.string(), startsAt: instant, endsAt: instant, shortUrl: z.url(),
  movie: z.object({ id: z.string(), title: z.string() }),
});

export const PendingRatings = z.object({
  items: z.array(z.object({
    announcement: ScreeningSummary,
    ratee: z.object({ id: z.uuid(), name: z.string().nullable() }),
    as: z.enum(['host', 'guest']).describe('host: rate the host of a screening you attended; guest: rate a guest of yours'),
    rateBy: instant,
  })),
}).meta({ id: 'PendingRatings' });

export const ScheduleItem = z.object({
  role: z.enum(['host', 'guest']),
  booking: z.object({ id: z.uuid(), status: z.enum(BOOKING_STATUSES), seats: z.int(), shortUrl: z.url() }).nullable()
    .describe('your booking when you attend as a guest; null when you host'),
  announcement: ScreeningSummary.extend({
    hostId: z.uuid(), description: z.string(), durationMinutes: z.int(), place: Place,
    status: z.enum(ANNOUNCEMENT_STATUSES), version: z.int(), updatedAt: instant,
  }),
}).meta({ id: 'ScheduleItem' });
export const SchedulePage = page(ScheduleItem, 'SchedulePage');

export const CalendarFeed = z.object({
  url: z.url().describe('secret: anyone holding it reads your schedule; a new POST replaces it'),
}).meta({ id: 'CalendarFeed' });

export const Problem = z.object({
  type: z.string(), title: z.string(), status: z.int(), detail: z.string(), code: z.string(),
  errors: z.array(z.object({ in: z.enum(['body', 'query', 'path', 'header']), path: z.string(), message: z.string() })).optional(),
}).meta({ id: 'Problem', description: 'RFC 9457 problem details' });
