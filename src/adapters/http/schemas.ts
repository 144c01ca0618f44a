import { z } from 'zod';
import { ANNOUNCEMENT_STATUSES, APPROVALS, BOOKING_STATUSES, isInstantInRange, isTimeZone, LIMITS, PRIVACIES, REPORT_DETAILS_MAX, REPORT_REASONS } from '../../domain/index.js';

/** Request schemas: shape, types and ranges (400). Rules that need state are the domain's (422/409). */
const L = LIMITS;
const instant = z.iso.datetime({ offset: true })
  .refine((text) => isInstantInRange(new Date(text)), 'must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999Z')
  .describe('ISO-8601 instant with offset, e.g. 2026-12-01T20:00:00Z; years 0001–9999 once in UTC');
/** A query string's "true" or "false"; documented as a boolean (openapi.ts). */
export const booleanText = z.enum(['true', 'false']).transform((v) => v === 'true');
export const MovieId = z.string().regex(/^[\w.-]{1,64}$/, 'letters, digits, _ . - (1–64)');

export const Place = z.strictObject({
  city: z.string().trim().min(L.city.min).max(L.city.max),
  address: z.string().trim().min(L.address.min).max(L.address.max),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
  timeZone: z.string().max(64).refine(isTimeZone, 'must be an IANA time zone, e.g. Europe/Berlin').optional()
    .describe('the IANA zone (T1); when left out, the zone lat/lon lie in, else UTC'),
}).meta({ id: 'Place' });

const announcementFields = {
  title: z.string().trim().min(L.title.min).max(L.title.max),
  description: z.string().max(L.description.max),
  startsAt: instant,
  durationMinutes: z.int().min(L.durationMinutes.min).max(L.durationMinutes.max).describe('defaults to the film’s length'),
  place: Place,
  capacity: z.int().min(L.capacity.min).max(L.capacity.max),
  privacy: z.enum(PRIVACIES),
  isFree: z.boolean(),
  tags: z.array(z.string().regex(L.tags.pattern, 'a short lowercase word (a-z, 0-9, -)')).max(L.tags.max),
  approval: z.enum(APPROVALS),
};

export const AnnouncementFields = z.strictObject({
  ...announcementFields,
  description: announcementFields.description.optional(),
  durationMinutes: announcementFields.durationMinutes.optional(),
  privacy: announcementFields.privacy.optional(),
  isFree: announcementFields.isFree.optional(),
  tags: announcementFields.tags.optional(),
  approval: announcementFields.approval.optional(),
});

export const CreateAnnouncementBody = AnnouncementFields.extend({ movieId: MovieId }).meta({ id: 'CreateAnnouncement' });

export const UpdateAnnouncementBody = z
  .strictObject({ ...announcementFields, status: z.enum(['open', 'closed']).describe('close or reopen for new requests') })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change')
  .meta({ id: 'UpdateAnnouncement' });

export const CreateBookingBody = z.strictObject({
  seats: z.int().min(L.seats.min).max(L.seats.max).optional().describe('party size, default 1'),
  message: z.string().max(L.message.max).optional().describe('a note to the host'),
  waitlist: z.boolean().optional()
    .describe('B8: when an automatically approved screening has too few seats left, wait in line (default) or be refused with 409 (false)'),
}).meta({ id: 'CreateBooking' });

export const InvitationsBody = z.strictObject({
  userIds: z.array(z.uuid()).min(1).max(50).describe('the people to invite (at most 50 at a time)'),
}).meta({ id: 'Invitations' });

export const InviteTokenParams = z.strictObject({ token: z.string().regex(/^[\w-]{1,64}$/, 'an invite token') });

export const UpdateBookingBody = z.strictObject({
  status: z.enum(['accepted', 'rejected', 'cancelled']).describe('host: accepted|rejected; guest: cancelled'),
}).meta({ id: 'UpdateBooking' });

export const IdParams = z.strictObject({ id: z.uuid() });
/** The original design's paths name their parameter `id` whatever it is: one path template per path. */
export const LegacyMovieParams = z.strictObject({ id: MovieId.describe('the film’s id') });
export const LegacyAnnouncementParams = z.strictObject({ id: z.uuid().describe('the screening’s id') });

const limit = z.coerce.number().int().min(1).max(100).default(20);
const cursor = z.string().min(1).max(512).describe('opaque, from nextCursor');
const latLon = z.string()
  .regex(/^-?\d{1,3}(\.\d+)?,-?\d{1,3}(\.\d+)?$/, 'lat,lon')
  .transform((v) => v.split(',').map(Number) as [number, number])
  .refine(([lat, lon]) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180, 'lat within ±90, lon within ±180');

export const SearchQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  city: z.string().trim().min(1).max(L.city.max).optional(),
  near: latLon.optional(),
  radiusKm: z.coerce.number().positive().max(500).optional().describe('with near; default 10'),
  movieId: MovieId.optional(),
  hostId: z.uuid().optional(),
  isFree: booleanText.optional(),
  privacy: z.enum(PRIVACIES).optional(),
  tags: z.string().transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(L.tags.pattern)).max(L.tags.max)).optional().describe('comma list; all must match'),
  hasSeats: booleanText.optional(),
  minHostRating: z.coerce.number().min(L.ratingScore.min).max(L.ratingScore.max).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('words that must all appear in title or description'),
  status: z.enum(ANNOUNCEMENT_STATUSES).default('open'),
  sort: z.enum(['startsAt', 'rating']).default('startsAt'),
  limit,
  cursor: cursor.optional(),
}).refine((q) => q.radiusKm === undefined || q.near !== undefined, { path: ['radiusKm'], message: 'needs near=lat,lon' })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be after from' });

export const MyBookingsQuery = z.strictObject({
  role: z.enum(['guest', 'host']).optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  limit,
  cursor: cursor.optional(),
});

export const AnnouncementBookingsQuery = z.strictObject({ status: z.enum(BOOKING_STATUSES).optional() });
export const InboxQuery = z.strictObject({ limit, cursor: cursor.optional() });

const score = z.int().min(L.ratingScore.min).max(L.ratingScore.max).describe('1 (poor) to 5 (great)');
const comment = z.string().max(L.ratingComment.max).nullable().optional().describe('optional, shown to the person rated');

export const CreateRatingBody = z.strictObject({
  rateeId: z.uuid().describe('a guest rates the host; the host rates each accepted guest'),
  score,
  comment,
}).meta({ id: 'CreateRating' });

export const ChangeRatingBody = z.strictObject({ score, comment }).meta({ id: 'ChangeRating' });
export const RatingParams = z.strictObject({ id: z.uuid(), rateeId: z.uuid() });
export const UserParams = z.strictObject({ id: z.uuid() });

export const FilmParams = z.strictObject({ movieId: MovieId.describe('the film’s id in the catalogue') });

export const FilmQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).describe('words of the title, any case'),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ScheduleQuery = z.strictObject({
  from: instant.optional().describe('screenings still running at this instant or later; default now'),
  to: instant.optional().describe('…and starting before this instant'),
  limit,
  cursor: cursor.optional(),
}).refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { path: ['to'], message: 'must be after from' });

export const UserRatingQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10), cursor: cursor.optional() });

export const BlockBody = z.strictObject({ userId: z.uuid().describe('whom to block') }).meta({ id: 'CreateBlock' });
export const BlocksQuery = z.strictObject({ limit, cursor: cursor.optional() });
export const BlockedParams = z.strictObject({ userId: z.uuid() });

export const ReportBody = z.strictObject({
  subject: z.strictObject({ userId: z.uuid().optional(), announcementId: z.uuid().optional(), bookingId: z.uuid().optional() })
    .refine((s) => Object.values(s).filter((v) => v !== undefined).length === 1, 'name exactly one of userId, announcementId, bookingId')
    .describe('a person, a screening or a booking'),
  reason: z.enum(REPORT_REASONS),
  details: z.string().max(REPORT_DETAILS_MAX).optional().describe('what happened, for the platform'),
}).meta({ id: 'CreateReport' });

export const AttendanceParams = z.strictObject({ id: z.uuid(), guestId: z.uuid() });
export const AttendanceBody = z.strictObject({ attended: z.boolean().describe('false: marked as a no-show, and told') }).meta({ id: 'MarkAttendance' });
