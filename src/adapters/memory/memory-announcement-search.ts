import { invitationStands, searchPointOf, type AnnouncementState } from '../../domain/index.js';
import { MemoryBookingRepository } from './memory-booking.repository.js';
import { MemoryBlocks, MemoryInvites } from './memory-safety.js';
import type { AnnouncementSearch, SearchCriteria, SearchHit, SearchKey } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';
import { ratingOf } from './memory-rating-reader.js';

/** earthdistance's earth() radius, so that both adapters draw the same circle. */
const EARTH_RADIUS_KM = 6378.168;
const rad = (deg: number): number => (deg * Math.PI) / 180;

const distanceKm = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => {
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
};

const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

const matches = (s: AnnouncementState, c: SearchCriteria, hostScore: number): boolean => {
  const starts = s.startsAt.getTime();
  if (s.status !== c.status) return false;
  if (c.from && starts < c.from.getTime()) return false;
  if (c.to && starts >= c.to.getTime()) return false;
  if (c.city && s.place.city.toLowerCase() !== c.city.toLowerCase()) return false;
  if (c.movieId && s.film.id !== c.movieId) return false;
  if (c.hostId && s.hostId !== c.hostId) return false;
  if (c.isFree !== undefined && s.isFree !== c.isFree) return false;
  if (c.privacy && s.privacy !== c.privacy) return false;
  if (c.tags && !c.tags.every((t) => s.tags.includes(t))) return false;
  if (c.hasSeats && s.capacity - s.seatsTaken <= 0) return false;
  if (c.minHostRating !== undefined && hostScore < c.minHostRating) return false;
  if (c.near) {
    // S1: from the area's centre, never the place itself.
    const point = searchPointOf(s.place);
    if (!point || distanceKm(c.near, point) > c.near.radiusKm) return false;
  }
  if (c.q) {
    const have = wordsOf(`${s.title} ${s.description}`);
    if (![...wordsOf(c.q)].every((w) => have.has(w))) return false;
  }
  return true;
};

const keyOf = (s: AnnouncementState, sort: SearchKey['sort'], score: number): SearchKey =>
  sort === 'startsAt'
    ? { sort, startsAt: s.startsAt.toISOString(), id: s.id }
    : { sort, score, startsAt: s.startsAt.toISOString(), id: s.id };

/** Negative when `a` comes first; the same order the SQL adapter uses. */
const compareKeys = (a: SearchKey, b: SearchKey): number => {
  if (a.sort === 'rating' && b.sort === 'rating' && a.score !== b.score) return b.score - a.score;
  return Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
};

export class MemoryAnnouncementSearch implements AnnouncementSearch {
  constructor(private readonly db: MemoryDatabase) {}

  async search(c: SearchCriteria): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    const blocks = new MemoryBlocks(this.db);
    const bookings = new MemoryBookingRepository(this.db);
    const invites = new MemoryInvites(this.db);
    for (const announcement of this.db.announcements.values()) {
      const hostRating = ratingOf(this.db, announcement.hostId);
      const score = hostRating.asHost.score;
      if (!matches(announcement, c, score) || (await blocks.between(c.viewerId, announcement.hostId))) continue;
      // A5, I1, I2: friends-only for the host's friends and those invited.
      if (announcement.privacy === 'friends' && !c.friendHostIds.includes(announcement.hostId)
        && !invitationStands(await invites.invitationOf(announcement.id, c.viewerId), announcement, c.now)) continue;
      const key = keyOf(announcement, c.sort, score);
      if (c.after && compareKeys(c.after, key) >= 0) continue;
      const mine = await bookings.latestOf(announcement.id, c.viewerId);
      hits.push({ announcement, key, viewerBooking: mine ? { status: mine.status } : null, hostRating });
    }
    return hits.sort((x, y) => compareKeys(x.key, y.key)).slice(0, c.limit);
  }
}
