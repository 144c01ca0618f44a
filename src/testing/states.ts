import { Announcement, Booking, type AnnouncementState, type BookingState } from '../domain/index.js';
import { at, DAY, FILM, T0, USERS } from './fixtures.js';

let n = 0;
/** Distinct, time-ordered ids per call: 00000000-0000-7000-a000-000000000001, … */
export const id = (): string => `00000000-0000-7000-a000-${String((n += 1)).padStart(12, '0')}`;

/** A short code of its own for each row: the codes are unique across a table. */
const code = (): string => `c${String((n += 1)).padStart(11, '0')}`;

/**
 * Any announcement state, straight to the repository (no domain checks): for testing what
 * storage enforces. Its start was set a month before T0, so any start a test picks came after.
 */
export const announcementState = (overrides: Partial<AnnouncementState> = {}): AnnouncementState => ({
  id: id(), hostId: USERS.host, film: FILM, title: 'Film night', description: 'Popcorn provided',
  startsAt: at(DAY), durationMinutes: 90, place: { city: 'Berlin', address: 'Torstraße 1', lat: 52.529, lon: 13.401, timeZone: 'UTC' },
  capacity: 4, privacy: 'public', isFree: true, tags: ['snacks'], approval: 'manual', status: 'open', seatsTaken: 0,
  shortCode: code(), shortUrl: 'http://wt.test/s/abc', createdAt: T0, updatedAt: T0, version: 1, startSetAt: at(-30 * DAY),
  ...overrides,
});

export const bookingState = (announcement: AnnouncementState, overrides: Partial<BookingState> = {}): BookingState => ({
  id: id(), announcementId: announcement.id, guestId: USERS.guest, hostId: announcement.hostId, seats: 1, message: null,
  status: 'pending', shortCode: code(), shortUrl: 'http://wt.test/s/def', createdAt: T0, updatedAt: T0, decidedAt: null,
  cancelledWithAnnouncement: false, cancelledLate: false, attended: null, ...overrides,
});

export const anAnnouncement = (overrides: Partial<AnnouncementState> = {}) => Announcement.rehydrate(announcementState(overrides));
export const aBooking = (a: AnnouncementState, overrides: Partial<BookingState> = {}) => Booking.rehydrate(bookingState(a, overrides));
