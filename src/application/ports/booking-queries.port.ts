import type { AnnouncementState, BookingState, BookingStatus } from '../../domain/index.js';

import type { TimeKey } from './page.js';

export type MyBookingsCriteria = {
  readonly userId: string;
  readonly role?: 'guest' | 'host';
  readonly status?: BookingStatus;
  readonly limit: number;
  readonly after?: TimeKey;
};

export type BookingWithAnnouncement = { readonly booking: BookingState; readonly announcement: AnnouncementState };

export interface BookingQueries {
  /** The user's bookings as guest and/or host, newest first. */
  ofUser(criteria: MyBookingsCriteria): Promise<BookingWithAnnouncement[]>;
}
