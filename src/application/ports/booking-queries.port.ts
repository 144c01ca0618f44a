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

/** Where a schedule continues: the start and id of the last screening of the previous page. */
export type StartKey = { readonly startsAt: string; readonly id: string };

export type ScheduleCriteria = {
  readonly userId: string;
  /** Screenings still running at `from` or later (they end after it)… */
  readonly from: Date;
  /** …and starting before `to`. */
  readonly to?: Date;
  readonly limit: number;
  readonly after?: StartKey;
};

/**
 * One line of a personal schedule: a screening the user hosts (`booking` null), or one they
 * hold a pending or accepted booking for — or held until the host cancelled the screening.
 */
export type ScheduleRow = { readonly announcement: AnnouncementState; readonly booking: BookingState | null };

export interface BookingQueries {
  /** The user's bookings as guest and/or host, newest first. */
  ofUser(criteria: MyBookingsCriteria): Promise<BookingWithAnnouncement[]>;
  /** The user's screenings as host and as guest, by start time then id. */
  scheduleOf(criteria: ScheduleCriteria): Promise<ScheduleRow[]>;
}
