import {
  isInsider, NO_RATINGS, shownPlace, TimeRange,
  type AnnouncementState, type AnnouncementStatus, type Approval, type BookingState, type BookingStatus, type Film,
  type Privacy, type RatingSide, type ShownPlace, type UserRating,
} from '../../domain/index.js';

export type Person = { readonly id: string; readonly name: string | null };

/**
 * An instant as the API writes it: ISO 8601 in UTC (`Date.prototype.toISOString`). Views carry
 * text, not `Date`: JSON.stringify leaves V8's fast path at every object with a `toJSON`, and a
 * page of twenty screenings with its 80 Dates took 4–5× as long to write (docs/BENCHMARKS.md).
 */
export type Instant = string;
/**
 * The texts of the instants views showed lately, by time value: `toISOString` cost ~0.5 µs, four
 * for each screening of a page (38 of a page's 124 µs of views, /tmp script, 2026-12-08), and
 * the same screenings come back read after read. Keyed by the value, so a Date changed later
 * cannot be shown as it was; cleared when full.
 */
const shownInstants = new Map<number, Instant>();
const SHOWN_INSTANTS_MAX = 10_000;
export const instant = (d: Date): Instant => {
  const time = d.getTime();
  let text = shownInstants.get(time);
  if (text === undefined) {
    text = d.toISOString();
    if (shownInstants.size >= SHOWN_INSTANTS_MAX) shownInstants.clear();
    shownInstants.set(time, text);
  }
  return text;
};
const instantOrNull = (d: Date | null): Instant | null => (d === null ? null : instant(d));
export type RatedPerson = Person & { readonly rating: RatingSide };

/**
 * What the API shows of a screening. Every view below names its fields one by one: state
 * that is the service's own (a short link's code, when the start was set, why a booking was
 * cancelled) never leaves by being spread along.
 */
export type AnnouncementView = {
  readonly id: string;
  readonly hostId: string;
  readonly movieId: string;
  readonly title: string;
  readonly description: string;
  readonly startsAt: Instant;
  readonly durationMinutes: number;
  readonly endsAt: Instant;
  /** S1: exact for the host and accepted guests, the city and an area for everyone else. */
  readonly place: ShownPlace;
  readonly capacity: number;
  readonly privacy: Privacy;
  readonly isFree: boolean;
  readonly tags: readonly string[];
  readonly approval: Approval;
  readonly status: AnnouncementStatus;
  readonly seatsTaken: number;
  readonly seatsLeft: number;
  readonly shortUrl: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly version: number;
};

export type AnnouncementListItem = AnnouncementView & {
  readonly host: RatedPerson;
  readonly movie: Pick<Film, 'id' | 'title'>;
};

/** A screening as a booking, a schedule entry or a rating to give mentions it. */
export type ScreeningSummary = Pick<AnnouncementView, 'id' | 'title' | 'startsAt' | 'endsAt' | 'shortUrl'> & {
  readonly movie: Pick<Film, 'id' | 'title'>;
};

export type BookingView = {
  readonly id: string;
  readonly announcementId: string;
  readonly guestId: string;
  readonly hostId: string;
  readonly seats: number;
  readonly message: string | null;
  readonly status: BookingStatus;
  readonly shortUrl: string;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
  readonly decidedAt: Instant | null;
  /** S5: the host's word after the screening — came, did not, or not said yet (null). */
  readonly attended: boolean | null;
  /** W1: the booking's place in line while it waits (1 = next); null otherwise. */
  readonly waitlistPosition: number | null;
  readonly announcement: ScreeningSummary & Pick<AnnouncementView, 'status' | 'place'>;
};

export type AnnouncementDetail = AnnouncementListItem & {
  readonly movie: Film;
  /** S2: accepted guests — shown to the host and accepted guests only; everyone else sees `guestCount`. */
  readonly guests?: ReadonlyArray<RatedPerson & { readonly seats: number }>;
  readonly guestCount: number;
  readonly myBooking: BookingView | null;
};

/** `insider`: the viewer is the host or an accepted guest (isInsider), who see where (S1). */
export const announcementView = (a: AnnouncementState, insider: boolean): AnnouncementView => ({
  id: a.id,
  hostId: a.hostId,
  movieId: a.film.id,
  title: a.title,
  description: a.description,
  startsAt: instant(a.startsAt),
  durationMinutes: a.durationMinutes,
  endsAt: instant(TimeRange.of(a.startsAt, a.durationMinutes).end),
  place: shownPlace(a.place, insider),
  capacity: a.capacity,
  privacy: a.privacy,
  isFree: a.isFree,
  tags: a.tags,
  approval: a.approval,
  status: a.status,
  seatsTaken: a.seatsTaken,
  seatsLeft: a.capacity - a.seatsTaken,
  shortUrl: a.shortUrl,
  createdAt: instant(a.createdAt),
  updatedAt: instant(a.updatedAt),
  version: a.version,
});

export const screeningSummary = (a: AnnouncementState): ScreeningSummary => ({
  id: a.id,
  title: a.title,
  startsAt: instant(a.startsAt),
  endsAt: instant(TimeRange.of(a.startsAt, a.durationMinutes).end),
  shortUrl: a.shortUrl,
  movie: { id: a.film.id, title: a.film.title },
});

/**
 * A booking as its guest or host reads it: the screening's place is exact for the host and for
 * the guest once accepted (S1), the city and its area before.
 */
export const bookingView = (b: BookingState, announcement: AnnouncementState, waitlistPosition: number | null = null): BookingView => ({
  id: b.id,
  announcementId: b.announcementId,
  guestId: b.guestId,
  hostId: b.hostId,
  seats: b.seats,
  message: b.message,
  status: b.status,
  shortUrl: b.shortUrl,
  createdAt: instant(b.createdAt),
  updatedAt: instant(b.updatedAt),
  decidedAt: instantOrNull(b.decidedAt),
  attended: b.attended,
  waitlistPosition: b.status === 'waitlisted' ? waitlistPosition : null,
  announcement: Object.assign(screeningSummary(announcement), { status: announcement.status, place: shownPlace(announcement.place, b.status === 'accepted') }),
});

/** A booking as its host reads it: the place is theirs. */
export const hostBookingView = (b: BookingState, announcement: AnnouncementState, waitlistPosition: number | null = null): BookingView =>
  Object.assign(bookingView(b, announcement, waitlistPosition), {
    announcement: Object.assign(screeningSummary(announcement), { status: announcement.status, place: shownPlace(announcement.place, true) }),
  });

/** The view of the booking for whoever reads it, its guest or its host (B7). */
export const bookingViewFor = (viewerId: string, b: BookingState, announcement: AnnouncementState, waitlistPosition: number | null = null): BookingView =>
  viewerId === b.hostId ? hostBookingView(b, announcement, waitlistPosition) : bookingView(b, announcement, waitlistPosition);

/** The directory and ratings answers for a set of people, fetched once per request. */
export type PeopleFacts = {
  readonly names: ReadonlyMap<string, string>;
  readonly ratings: ReadonlyMap<string, UserRating>;
};

export const ratedPerson = (id: string, facts: PeopleFacts, side: keyof UserRating): RatedPerson => ({
  id,
  name: facts.names.get(id) ?? null,
  rating: (facts.ratings.get(id) ?? NO_RATINGS)[side],
});

/**
 * A screening in a list, for a viewer whose latest booking of it is `viewerBooking` (S1). The
 * view is extended in place, not spread into a new object: spreading its 21 fields cost 3.7 µs
 * an item, 75 of a page's 124 µs of views (/tmp script, 2026-12-08); the fields keep their order.
 */
export const listItem = (state: AnnouncementState, facts: PeopleFacts, viewerId: string, viewerBooking: { readonly status: BookingStatus } | null): AnnouncementListItem =>
  Object.assign(announcementView(state, isInsider(state.hostId, viewerId, viewerBooking)), {
    host: ratedPerson(state.hostId, facts, 'asHost'),
    movie: { id: state.film.id, title: state.film.title },
  });

