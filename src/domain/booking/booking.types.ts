export const BOOKING_STATUSES = ['pending', 'accepted', 'rejected', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
/** Statuses in which a booking still holds its guest's time (B3, B4). */
export const ACTIVE_BOOKING_STATUSES: readonly BookingStatus[] = ['pending', 'accepted'];

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
};
