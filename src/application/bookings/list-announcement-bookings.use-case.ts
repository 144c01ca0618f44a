import { err, ok, type Result } from 'neverthrow';
import { NO_RELIABILITY, waitlistPosition, type BookingStatus, type DomainError, type Reliability } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { People } from '../shared/people.js';
import { hostBookingView, ratedPerson, type BookingView, type RatedPerson } from '../shared/views.js';

/** S5: beside each request, the guest's rating and how they kept their word before. */
export type HostBookingView = BookingView & { readonly guest: RatedPerson & { readonly reliability: Reliability } };

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
    const guests = bookings.map((b) => b.guestId);
    const [facts, records] = await Promise.all([this.people.facts(guests), this.people.reliabilityOf(guests)]);
    return ok(bookings.map((b) => ({
      ...hostBookingView(b.snapshot(), state, waitlistPosition(bookings, b.id)),
      guest: { ...ratedPerson(b.guestId, facts, 'asGuest'), reliability: records.get(b.guestId) ?? NO_RELIABILITY },
    })));
  }
}
