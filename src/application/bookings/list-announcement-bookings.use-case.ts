import { err, ok, type Result } from 'neverthrow';
import type { BookingStatus, DomainError } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { People } from '../shared/people.js';
import { bookingView, ratedPerson, type BookingView, type RatedPerson } from '../shared/views.js';

export type HostBookingView = BookingView & { readonly guest: RatedPerson };

/** The host's view of who asked: every booking, with the guest's name and rating to decide on. */
export class ListAnnouncementBookings {
  constructor(
    private readonly reads: ReadStores,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
  ) {}

  async execute(hostId: string, announcementId: string, status?: BookingStatus): Promise<Result<HostBookingView[], DomainError>> {
    const found = await this.access.findAsHost(hostId, announcementId);
    if (found.isErr()) return err(found.error);
    const state = found.value.snapshot();
    const bookings = await this.reads.bookings.ofAnnouncement(announcementId, status ? [status] : undefined);
    const facts = await this.people.facts(bookings.map((b) => b.guestId));
    return ok(bookings.map((b) => ({ ...bookingView(b.snapshot(), state), guest: ratedPerson(b.guestId, facts, 'asGuest') })));
  }
}
