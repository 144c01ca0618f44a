import type { Announcement, Booking, Invitation, UserRating } from '../../domain/index.js';
import type { AcceptedGuest } from './booking-repository.port.js';

/** What a detail shows besides the screening and the viewer's booking, as read together with them. */
export type DetailParts = {
  readonly guests: readonly AcceptedGuest[];
  /** At least the host's and each accepted guest's. */
  readonly ratings: ReadonlyMap<string, UserRating>;
  /** The screening's waitlist: at least every waiting booking when the viewer's own waits (its place is shown), else possibly none. */
  readonly waiting: readonly Booking[];
};

/** Everything a detail read (RULES §6) decides on and shows, as one consistent read. */
export type DetailRead = {
  readonly announcement: Announcement | null;
  /** The viewer's latest booking of the screening. */
  readonly myBooking: Booking | null;
  /** Whether the viewer and the host block each other (S3). */
  readonly blocked: boolean;
  readonly invitation: Invitation | null;
  readonly parts: DetailParts;
};

/**
 * A detail read in one go: on PostgreSQL one statement (the screening, the viewer's booking, the
 * block and invitation the rules ask about, the guests, their ratings and the waitlist), where
 * the same read through the repositories would be seven. Reads only; what the viewer may not
 * see is read but left to the rules to withhold.
 */
export interface DetailReader {
  of(announcementId: string, viewerId: string): Promise<DetailRead>;
}
