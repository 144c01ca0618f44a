import {
  NO_RATINGS, TimeRange,
  type AnnouncementState, type BookingState, type Film, type RatingSide, type UserRating,
} from '../../domain/index.js';

export type Person = { readonly id: string; readonly name: string | null };
export type RatedPerson = Person & { readonly rating: RatingSide };

export type AnnouncementView = Omit<AnnouncementState, 'film'> & {
  readonly movieId: string;
  readonly endsAt: Date;
  readonly seatsLeft: number;
};

export type AnnouncementListItem = AnnouncementView & {
  readonly host: RatedPerson;
  readonly movie: Pick<Film, 'id' | 'title'>;
};

export type BookingView = BookingState & {
  readonly announcement: Pick<AnnouncementView, 'id' | 'title' | 'startsAt' | 'endsAt' | 'status' | 'place' | 'shortUrl'> & {
    readonly movie: Pick<Film, 'id' | 'title'>;
  };
};

export type AnnouncementDetail = AnnouncementListItem & {
  readonly movie: Film;
  readonly guests: ReadonlyArray<RatedPerson & { readonly seats: number }>;
  readonly myBooking: BookingView | null;
};

export const announcementView = (state: AnnouncementState): AnnouncementView => {
  const { film, ...rest } = state;
  return {
    ...rest,
    movieId: film.id,
    endsAt: TimeRange.of(state.startsAt, state.durationMinutes).end,
    seatsLeft: state.capacity - state.seatsTaken,
  };
};

export const bookingView = (booking: BookingState, announcement: AnnouncementState): BookingView => {
  const a = announcementView(announcement);
  return {
    ...booking,
    announcement: {
      id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt, status: a.status, place: a.place,
      shortUrl: a.shortUrl, movie: { id: announcement.film.id, title: announcement.film.title },
    },
  };
};

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

