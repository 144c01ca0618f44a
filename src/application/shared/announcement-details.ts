import { type Announcement, type Booking } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { People } from './people.js';
import { bookingView, listItem, ratedPerson, type AnnouncementDetail } from './views.js';

/** The detail of RULES §6: the screening, its host, film and accepted guests, and the caller's booking. */
export class AnnouncementDetails {
  constructor(
    private readonly reads: ReadStores,
    private readonly people: People,
  ) {}

  async of(announcement: Announcement, myBooking: Booking | null): Promise<AnnouncementDetail> {
    const state = announcement.snapshot();
    const accepted = await this.reads.bookings.guestsOf(state.id);
    const facts = await this.people.facts([state.hostId, ...accepted.map((b) => b.guestId)]);
    return {
      ...listItem(state, facts),
      movie: state.film,
      guests: accepted.map((b) => ({ ...ratedPerson(b.guestId, facts, 'asGuest'), seats: b.seats })),
      myBooking: myBooking ? bookingView(myBooking.snapshot(), state) : null,
    };
  }
}
