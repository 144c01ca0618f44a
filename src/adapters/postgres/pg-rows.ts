import { DEFAULT_TIME_ZONE, searchPointOf, TimeRange, type AnnouncementState, type BookingState } from '../../domain/index.js';

/** A column a state is written to: its name and its value, side by side, so no list is kept in step by position. */
export type Column<S> = { readonly name: string; readonly value: (state: S) => unknown };

export const ANNOUNCEMENT_WRITES: readonly Column<AnnouncementState>[] = [
  { name: 'id', value: (s) => s.id },
  { name: 'host_id', value: (s) => s.hostId },
  { name: 'movie_id', value: (s) => s.film.id },
  { name: 'movie_title', value: (s) => s.film.title },
  { name: 'movie_duration_minutes', value: (s) => s.film.durationMinutes },
  { name: 'title', value: (s) => s.title },
  { name: 'description', value: (s) => s.description },
  { name: 'starts_at', value: (s) => s.startsAt },
  { name: 'duration_minutes', value: (s) => s.durationMinutes },
  { name: 'ends_at', value: (s) => TimeRange.of(s.startsAt, s.durationMinutes).end },
  { name: 'city', value: (s) => s.place.city },
  { name: 'address', value: (s) => s.place.address },
  { name: 'lat', value: (s) => s.place.lat ?? null },
  { name: 'lon', value: (s) => s.place.lon ?? null },
  { name: 'time_zone', value: (s) => s.place.timeZone ?? DEFAULT_TIME_ZONE },
  // S1: the point near= measures from, computed by the domain (searchPointOf), never the place itself.
  { name: 'area_lat', value: (s) => searchPointOf(s.place)?.lat ?? null },
  { name: 'area_lon', value: (s) => searchPointOf(s.place)?.lon ?? null },
  { name: 'capacity', value: (s) => s.capacity },
  { name: 'privacy', value: (s) => s.privacy },
  { name: 'is_free', value: (s) => s.isFree },
  { name: 'tags', value: (s) => s.tags },
  { name: 'approval', value: (s) => s.approval },
  { name: 'status', value: (s) => s.status },
  { name: 'seats_taken', value: (s) => s.seatsTaken },
  { name: 'short_code', value: (s) => s.shortCode },
  { name: 'short_url', value: (s) => s.shortUrl },
  { name: 'created_at', value: (s) => s.createdAt },
  { name: 'updated_at', value: (s) => s.updatedAt },
  { name: 'version', value: (s) => s.version },
  { name: 'start_set_at', value: (s) => s.startSetAt },
];

/** What a booking's later life may change; the rest is written once. */
export const BOOKING_CHANGES: readonly Column<BookingState>[] = [
  { name: 'seats', value: (s) => s.seats },
  { name: 'message', value: (s) => s.message },
  { name: 'status', value: (s) => s.status },
  { name: 'updated_at', value: (s) => s.updatedAt },
  { name: 'decided_at', value: (s) => s.decidedAt },
  { name: 'cancelled_with_announcement', value: (s) => s.cancelledWithAnnouncement },
  { name: 'cancelled_late', value: (s) => s.cancelledLate },
  { name: 'attended', value: (s) => s.attended },
];

export const BOOKING_WRITES: readonly Column<BookingState>[] = [
  { name: 'id', value: (s) => s.id },
  { name: 'announcement_id', value: (s) => s.announcementId },
  { name: 'guest_id', value: (s) => s.guestId },
  { name: 'host_id', value: (s) => s.hostId },
  { name: 'short_code', value: (s) => s.shortCode },
  { name: 'short_url', value: (s) => s.shortUrl },
  { name: 'created_at', value: (s) => s.createdAt },
  ...BOOKING_CHANGES,
];

/** `$n` placeholders for the columns, the first one numbered `first`. */
export const placeholders = <S>(columns: readonly Column<S>[], first = 1): string[] => columns.map((_, i) => `$${first + i}`);
export const valuesOf = <S>(columns: readonly Column<S>[], state: S): unknown[] => columns.map((c) => c.value(state));
export const names = <S>(columns: readonly Column<S>[]): string[] => columns.map((c) => c.name);

export const ANNOUNCEMENT_COLUMNS = `a.id, a.host_id, a.movie_id, a.movie_title, a.movie_duration_minutes, a.title, a.description,
  a.starts_at, a.duration_minutes, a.city, a.address, a.lat, a.lon, a.time_zone, a.capacity, a.privacy, a.is_free, a.tags, a.approval,
  a.status, a.seats_taken, a.short_code, a.short_url, a.created_at, a.updated_at, a.version, a.start_set_at, a.host_score`;

/** Prefixed, so a booking and its screening can come back in one row. */
export const BOOKING_COLUMNS = `b.id AS b_id, b.announcement_id AS b_announcement_id, b.guest_id AS b_guest_id, b.host_id AS b_host_id,
  b.seats AS b_seats, b.message AS b_message, b.status AS b_status, b.short_code AS b_short_code, b.short_url AS b_short_url,
  b.created_at AS b_created_at, b.updated_at AS b_updated_at, b.decided_at AS b_decided_at,
  b.cancelled_with_announcement AS b_cancelled_with_announcement, b.cancelled_late AS b_cancelled_late, b.attended AS b_attended`;

export type AnnouncementRow = {
  id: string; host_id: string; movie_id: string; movie_title: string; movie_duration_minutes: number; title: string;
  description: string; starts_at: Date; duration_minutes: number; city: string; address: string; lat: number | null; time_zone: string;
  lon: number | null; capacity: number; privacy: AnnouncementState['privacy']; is_free: boolean; tags: string[];
  approval: AnnouncementState['approval']; status: AnnouncementState['status']; seats_taken: number; short_code: string;
  short_url: string; created_at: Date; updated_at: Date; version: number; start_set_at: Date; host_score: string;
};

export type BookingRow = {
  b_id: string; b_announcement_id: string; b_guest_id: string; b_host_id: string; b_seats: number; b_message: string | null;
  b_status: BookingState['status']; b_short_code: string; b_short_url: string; b_created_at: Date; b_updated_at: Date;
  b_decided_at: Date | null; b_cancelled_with_announcement: boolean; b_cancelled_late: boolean; b_attended: boolean | null;
};

/** The timestamp columns of a screening's row and of a booking's (prefixed), by name. */
export const ANNOUNCEMENT_TIMES = ['starts_at', 'created_at', 'updated_at', 'start_set_at'] as const;
export const BOOKING_TIMES = ['b_created_at', 'b_updated_at', 'b_decided_at'] as const;

/**
 * A row that came back as one JSON value (`to_json`) instead of a column each: its timestamps
 * are ISO text there, and become Dates again (to the millisecond, as pg's own parser reads them).
 */
export const withDates = <R>(row: Record<string, unknown>, columns: readonly string[]): R => {
  for (const column of columns) if (typeof row[column] === 'string') row[column] = new Date(row[column]);
  return row as R;
};

/**
 * A statement whose rows come back as one JSON value each (`r`) instead of a column each. pg
 * reads every result's row description — also when no row follows — and builds a parser per
 * column (`addFields`: 6 % of the service's CPU per booking in a profile of the booking load,
 * whose reads return the screening's 28 columns and a booking's 15 twice); with one column it
 * reads one description entry and parses one JSON text. `order` keeps the subquery's order.
 */
export const jsonRows = (statement: string, order?: string): string =>
  `SELECT to_json(r) AS r FROM (${statement}) r${order === undefined ? '' : ` ORDER BY ${order}`}`;
export type JsonRow = { r: Record<string, unknown> };

export const toAnnouncementState = (r: AnnouncementRow): AnnouncementState => ({
  id: r.id, hostId: r.host_id, film: { id: r.movie_id, title: r.movie_title, durationMinutes: r.movie_duration_minutes },
  title: r.title, description: r.description, startsAt: r.starts_at, durationMinutes: r.duration_minutes,
  place: { city: r.city, address: r.address, ...(r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : {}), timeZone: r.time_zone },
  capacity: r.capacity, privacy: r.privacy, isFree: r.is_free, tags: r.tags, approval: r.approval, status: r.status,
  seatsTaken: r.seats_taken, shortCode: r.short_code, shortUrl: r.short_url, createdAt: r.created_at, updatedAt: r.updated_at,
  version: r.version, startSetAt: r.start_set_at,
});

/** A booking's row that came back as one JSON value (jsonRows, or aggregated with json_agg). */
export const bookingStateOfJson = (json: Record<string, unknown>): BookingState => toBookingState(withDates<BookingRow>(json, BOOKING_TIMES));

export const toBookingState = (r: BookingRow): BookingState => ({
  id: r.b_id, announcementId: r.b_announcement_id, guestId: r.b_guest_id, hostId: r.b_host_id, seats: r.b_seats,
  message: r.b_message, status: r.b_status, shortCode: r.b_short_code, shortUrl: r.b_short_url, createdAt: r.b_created_at,
  updatedAt: r.b_updated_at, decidedAt: r.b_decided_at, cancelledWithAnnouncement: r.b_cancelled_with_announcement,
  cancelledLate: r.b_cancelled_late, attended: r.b_attended,
});
