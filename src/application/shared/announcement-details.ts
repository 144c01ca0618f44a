import { isInsider, waitlistPosition, type Announcement, type Booking, type UserRating } from '../../domain/index.js';
import type { AcceptedGuest } from '../ports/booking-repository.port.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { People } from './people.js';
import { bookingView, listItem, ratedPerson, type AnnouncementDetail } from './views.js';

/** What a detail shows besides the screening and the viewer's booking, as read together with them. */
export type DetailParts = {
  readonly guests: readonly AcceptedGuest[];
  /** At least the host's and each accepted guest's. */
  readonly ratings: ReadonlyMap<string, UserRating>;
  /** The screening's waitlist; only a viewer whose booking waits is shown its place in it (a detail read reads it regardless, in the same message). */
  readonly waiting: readonly Booking[];
};

/**
 * The detail of RULES §6: the screening, its host, film and accepted guests, and the caller's
 * booking. S1 and S2: the place and the guests' names are the host's and accepted guests'
 * (isInsider); everyone else gets the city, an area and how many guests there are.
 */
export class AnnouncementDetails {
  constructor(
    private readonly reads: ReadStores,
    private readonly people: People,
  ) {}

  /** Reads the parts itself (after a write, which has the screening and the booking in hand). */
  async of(announcement: Announcement, myBooking: Booking | null, viewerId: string): Promise<AnnouncementDetail> {
    const [guests, ratings, waiting] = await Promise.all([
      this.reads.bookings.guestsOf(announcement.id),
      this.reads.ratings.ofParticipants(announcement.id),
      myBooking?.status === 'waitlisted' ? this.reads.bookings.ofAnnouncement(announcement.id, ['waitlisted']) : Promise.resolve([]),
    ]);
    return this.from(announcement, myBooking, viewerId, { guests, ratings, waiting });
  }

  /** The detail from parts already read; only names are asked for (the user directory, cached). */
  async from(announcement: Announcement, myBooking: Booking | null, viewerId: string, parts: DetailParts): Promise<AnnouncementDetail> {
    const state = announcement.snapshot();
    const insider = isInsider(state.hostId, viewerId, myBooking);
    const accepted = parts.guests;
    const names = await this.people.names([state.hostId, ...(insider ? accepted.map((b) => b.guestId) : [])]);
    const facts = { names, ratings: parts.ratings };
    const position = myBooking?.status === 'waitlisted' ? waitlistPosition(parts.waiting, myBooking.id) : null;
    return {
      ...listItem(state, facts, viewerId, myBooking),
      movie: state.film,
      ...(insider ? { guests: accepted.map((b) => ({ ...ratedPerson(b.guestId, facts, 'asGuest'), seats: b.seats })) } : {}),
      guestCount: accepted.length,
      myBooking: myBooking ? bookingView(myBooking.snapshot(), state, position) : null,
    };
  }
}
