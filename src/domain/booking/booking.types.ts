export const BOOKING_STATUSES = ['pending', 'accepted', 'rejected', 'cancelled', 'waitlisted', 'expired'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses in which a booking still holds its guest's time (B3, B4, B9). */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['pending', 'accepted', 'waitlisted'];

export type BookingState = {
  readonly id: string;
  readonly announcementId: string;
  readonly guestId: string;
  readonly hostId: string;
  readonly seats: number;
  readonly message: string | null;
  readonly status: BookingStatus;
  readonly shortCode: string;
  readonly shortUrl: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly decidedAt: Date | null;
  /** Cancelled because its screening was (A6): its guest still sees what happened, even if friends-only (A5). */
  readonly cancelledWithAnnouncement: boolean;
  /** S5: an accepted guest cancelled it less than 24 hours before the start. */
  readonly cancelledLate: boolean;
  /** S5: the host's word after the screening — came (true), did not (false), or not said (null). */
  readonly attended: boolean | null;
};

/** S5: how a guest has kept their word, from the bookings they held. */
export type Reliability = { readonly attended: number; readonly noShows: number; readonly lateCancellations: number };
export const NO_RELIABILITY: Reliability = { attended: 0, noShows: 0, lateCancellations: 0 };

/** S5: a late cancellation is one made less than this before the start. */
export const LATE_CANCELLATION_MS = 24 * 3600_000;
