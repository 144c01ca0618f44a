import { isInsider, waitlistPosition, type Announcement, type Booking } from '../../domain/index.js';
import type { DetailParts, DetailReader } from '../ports/detail-reader.port.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { People } from './people.js';
import { bookingView, listItem, ratedPerson, type AnnouncementDetail } from './views.js';

/** A detail read through the repositories, issued together: for a backend without a statement of its own (memory). */
export const detailThrough = (stores: Omit<ReadStores, 'details'>): DetailReader => ({
  async of(announcementId, viewerId) {
    const [announcement, myBooking, blocked, invitation, guests, ratings, waiting] = await Promise.all([
      stores.announcements.byId(announcementId), stores.bookings.latestOf(announcementId, viewerId),
      stores.blocks.withHostOf(viewerId, announcementId), stores.invites.invitationOf(announcementId, viewerId),
      stores.bookings.guestsOf(announcementId), stores.ratings.ofParticipants(announcementId),
      stores.bookings.ofAnnouncement(announcementId, ['waitlisted']),
    ]);
    return { announcement, myBooking, blocked, invitation, parts: { guests, ratings, waiting } };
  },
});

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
    // Extended in place, as listItem does (views.ts): the fields keep their order.
    return Object.assign(listItem(state, facts, viewerId, myBooking), {
      movie: state.film,
      ...(insider ? { guests: accepted.map((b) => Object.assign(ratedPerson(b.guestId, facts, 'asGuest'), { seats: b.seats })) } : {}),
      guestCount: accepted.length,
      myBooking: myBooking ? bookingView(myBooking.snapshot(), state, position) : null,
    });
  }
}
