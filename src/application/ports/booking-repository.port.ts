import type { Result } from 'neverthrow';
import type { Booking, BookingStatus, DomainError } from '../../domain/index.js';
import type { Lock } from './announcement-repository.port.js';

export type AcceptedGuest = { readonly guestId: string; readonly seats: number };

export interface BookingRepository {
  byId(id: string, lock?: Lock): Promise<Booking | null>;
  /** Bookings of one screening, oldest first, optionally only some statuses. */
  ofAnnouncement(announcementId: string, statuses?: readonly BookingStatus[]): Promise<Booking[]>;
  /**
   * The accepted guests of one screening and their seats, oldest booking first: what detail reads,
   * reminders and ratings need, answered from one narrow index.
   */
  guestsOf(announcementId: string): Promise<AcceptedGuest[]>;
  /** The guest's most recent booking of the screening, whatever its status. */
  latestOf(announcementId: string, guestId: string): Promise<Booking | null>;
  /** W3: screenings that have started with bookings still on their waitlist, soonest first. */
  startedWithWaitlist(now: Date, limit: number): Promise<string[]>;
  /** S3: the guest's active (pending, accepted, waitlisted) bookings at screenings the host hosts. */
  activeOfGuestWithHost(guestId: string, hostId: string): Promise<Booking[]>;
  save(booking: Booking, isNew: boolean): Promise<Result<void, DomainError>>;
}
