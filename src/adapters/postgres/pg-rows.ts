import { TimeRange, type AnnouncementState, type BookingState } from '../../domain/index.js';

export const ANNOUNCEMENT_COLUMNS = `a.id, a.host_id, a.movie_id, a.movie_title, a.movie_duration_minutes, a.title, a.description,
  a.starts_at, a.duration_minutes, a.city, a.address, a.lat, a.lon, a.capacity, a.privacy, a.is_free, a.tags, a.approval,
  a.status, a.seats_taken, a.short_code, a.short_url, a.created_at, a.updated_at, a.version, a.host_score`;

export const BOOKING_COLUMNS = `b.id AS b_id, b.announcement_id AS b_announcement_id, b.guest_id AS b_guest_id, b.host_id AS b_host_id,
  b.seats AS b_seats, b.message AS b_message, b.status AS b_status, b.short_code AS b_short_code, b.short_url AS b_short_url, b.created_at AS b_created_at,
  b.updated_at AS b_updated_at, b.decided_at AS b_decided_at`;

export type AnnouncementRow = {
  id: string; host_id: string; movie_id: string; movie_title: string; movie_duration_minutes: number; title: string;
  description: string; starts_at: Date; duration_minutes: number; city: string; address: string; lat: number | null;
  lon: number | null; capacity: number; privacy: AnnouncementState['privacy']; is_free: boolean; tags: string[];
  approval: AnnouncementState['approval']; status: AnnouncementState['status']; seats_taken: number; short_code: string; short_url: string;
  created_at: Date; updated_at: Date; version: number; host_score: string;
};

export type BookingRow = {
  b_id: string; b_announcement_id: string; b_guest_id: string; b_host_id: string; b_seats: number; b_message: string | null;
  b_status: BookingState['status']; b_short_code: string; b_short_url: string; b_created_at: Date; b_updated_at: Date; b_decided_at: Date | null;
};

export const toAnnouncementState = (r: AnnouncementRow): AnnouncementState => ({
  id: r.id, hostId: r.host_id, film: { id: r.movie_id, title: r.movie_title, durationMinutes: r.movie_duration_minutes },
  title: r.title, description: r.description, startsAt: r.starts_at, durationMinutes: r.duration_minutes,
  place: { city: r.city, address: r.address, ...(r.lat !== null && r.lon !== null ? { lat: r.lat, lon: r.lon } : {}) },
  capacity: r.capacity, privacy: r.privacy, isFree: r.is_free, tags: r.tags, approval: r.approval, status: r.status,
  seatsTaken: r.seats_taken, shortCode: r.short_code, shortUrl: r.short_url, createdAt: r.created_at, updatedAt: r.updated_at, version: r.version,
});

export const toBookingState = (r: BookingRow): BookingState => ({
  id: r.b_id, announcementId: r.b_announcement_id, guestId: r.b_guest_id, hostId: r.b_host_id, seats: r.b_seats,
  message: r.b_message, status: r.b_status, shortCode: r.b_short_code, shortUrl: r.b_short_url, createdAt: r.b_created_at, updatedAt: r.b_updated_at,
  decidedAt: r.b_decided_at,
});

/** The columns an announcement writes, in order, for INSERT and UPDATE alike. */
export const announcementValues = (s: AnnouncementState): unknown[] => [
  s.id, s.hostId, s.film.id, s.film.title, s.film.durationMinutes, s.title, s.description, s.startsAt, s.durationMinutes,
  TimeRange.of(s.startsAt, s.durationMinutes).end, s.place.city, s.place.address, s.place.lat ?? null,
  s.place.lon ?? null, s.capacity, s.privacy, s.isFree, s.tags, s.approval, s.status, s.seatsTaken, s.shortCode, s.shortUrl,
  s.createdAt, s.updatedAt, s.version,
];
