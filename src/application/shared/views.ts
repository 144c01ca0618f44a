import {
  NO_RATINGS, TimeRange,
  type AnnouncementState, type AnnouncementStatus, type Approval, type BookingState, type BookingStatus, type Film, type Place,
  type Privacy, type RatingSide, type UserRating,
} from '../../domain/index.js';

export type Person = { readonly id: string; readonly name: string | null };
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
  readonly startsAt: Date;
  readonly durationMinutes: number;
  readonly endsAt: Date;
  readonly place: Place;
  readonly capacity: number;
  readonly privacy: Privacy;
  readonly isFree: boolean;
  readonly tags: readonly string[];
  readonly approval: Approval;
  readonly status: AnnouncementStatus;
  readonly seatsTaken: number;
  readonly seatsLeft: number;
  readonly shortUrl: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
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
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly decidedAt: Date | null;
  readonly announcement: ScreeningSummary & Pick<AnnouncementView, 'status' | 'place'>;
};

export type AnnouncementDetail = AnnouncementListItem & {
  readonly movie: Film;
  readonly guests: ReadonlyArray<RatedPerson & { readonly seats: number }>;
  readonly myBooking: BookingView | null;
};

export const announcementView = (a: AnnouncementState): AnnouncementView => ({
  id: a.id,
  hostId: a.hostId,
  movieId: a.film.id,
  title: a.title,
  description: a.description,
  startsAt: a.startsAt,
  durationMinutes: a.durationMinutes,
  endsAt: TimeRange.of(a.startsAt, a.durationMinutes).end,
  place: a.place,
  capacity: a.capacity,
  privacy: a.privacy,
  isFree: a.isFree,
  tags: a.tags,
  approval: a.approval,
  status: a.status,
  seatsTaken: a.seatsTaken,
  seatsLeft: a.capacity - a.seatsTaken,
  shortUrl: a.shortUrl,
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
  version: a.version,
});

export const screeningSummary = (a: AnnouncementState): ScreeningSummary => ({
  id: a.id,
  title: a.title,
  startsAt: a.startsAt,
  endsAt: TimeRange.of(a.startsAt, a.durationMinutes).end,
  shortUrl: a.shortUrl,
  movie: { id: a.film.id, title: a.film.title },
});

export const bookingView = (b: BookingState, announcement: AnnouncementState): BookingView => ({
  id: b.id,
  announcementId: b.announcementId,
  guestId: b.guestId,
  hostId: b.hostId,
  seats: b.seats,
  message: b.message,
  status: b.status,
  shortUrl: b.shortUrl,
  createdAt: b.createdAt,
  updatedAt: b.updatedAt,
  decidedAt: b.decidedAt,
  announcement: { ...screeningSummary(announcement), status: announcement.status, place: announcement.place },
});

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

export const listItem = (state: AnnouncementState, facts: PeopleFacts): AnnouncementListItem => ({
  ...announcementView(state),
  host: ratedPerson(state.hostId, facts, 'asHost'),
  movie: { id: state.film.id, title: state.film.title },
});

