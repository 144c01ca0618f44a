import { isInsider, type Announcement, type Booking } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { People } from './people.js';
import { bookingView, listItem, ratedPerson, type AnnouncementDetail } from './views.js';
import { positionInLine } from './waitlist.js';

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

  async of(announcement: Announcement, myBooking: Booking | null, viewerId: string): Promise<AnnouncementDetail> {
    const state = announcement.snapshot();
    const insider = isInsider(state.hostId, viewerId, myBooking);
    const accepted = await this.reads.bookings.guestsOf(state.id);
    const facts = await this.people.facts([state.hostId, ...(insider ? accepted.map((b) => b.guestId) : [])]);
    return {
      ...listItem(state, facts, viewerId, myBooking),
      movie: state.film,
      ...(insider ? { guests: accepted.map((b) => ({ ...ratedPerson(b.guestId, facts, 'asGuest'), seats: b.seats })) } : {}),
      guestCount: accepted.length,
      myBooking: myBooking ? bookingView(myBooking.snapshot(), state, await positionInLine(this.reads.bookings, myBooking)) : null,
    };
  }
}
