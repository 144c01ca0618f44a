import { err, ok, type Result } from 'neverthrow';
import {
  domainError, NO_RATINGS, NO_RELIABILITY, rateesOf, ratingSide,
  type AnnouncementState, type DomainError, type RatingState, type Reliability, type UserRating,
} from '../../domain/index.js';
import type { PendingRating, RatingReader, RatingRepository, Review, ReviewKey } from '../../application/index.js';
import { isAfter, newestFirst } from './memory-keyset.js';
import { ratingKey, type MemoryDatabase } from './memory-database.js';

export const ratingOf = (db: MemoryDatabase, userId: string): UserRating => {
  const sides = { host: { sum: 0, count: 0 }, guest: { sum: 0, count: 0 } };
  for (const row of db.ratings.values()) {
    if (row.rateeId !== userId) continue;
    sides[row.as].sum += row.score;
    sides[row.as].count += 1;
  }
  if (sides.host.count === 0 && sides.guest.count === 0) return NO_RATINGS;
  return { asHost: ratingSide(sides.host.sum, sides.host.count), asGuest: ratingSide(sides.guest.sum, sides.guest.count) };
};

/** The tie-breaker of reviews after their time: screening, then rater, as SQL orders them. */
const reviewId = (r: { announcementId: string; raterId: string }): string => `${r.announcementId}/${r.raterId}`;

const endOf = (a: AnnouncementState): number => a.startsAt.getTime() + a.durationMinutes * 60_000;

export class MemoryRatingReader implements RatingReader {
  constructor(private readonly db: MemoryDatabase) {}

  async reviewsOf(userId: string, limit: number, after?: ReviewKey): Promise<Review[]> {
    const key = after && { createdAt: after.createdAt, id: reviewId(after) };
    return [...this.db.ratings.values()]
      .filter((r) => r.rateeId === userId && r.comment && r.createdAt)
      .map((r) => ({ announcementId: r.announcementId, raterId: r.raterId, score: r.score, comment: r.comment!, as: r.as, createdAt: r.createdAt!, id: reviewId(r) }))
      .filter((r) => isAfter(r, key))
      .sort(newestFirst)
      .slice(0, limit)
      .map(({ id: _, ...review }) => review);
  }

  async reliabilityOf(userIds: readonly string[]): Promise<ReadonlyMap<string, Reliability>> {
    const records = new Map(userIds.map((id) => [id, { ...NO_RELIABILITY }]));
    for (const b of this.db.bookings.values()) {
      const record = records.get(b.guestId);
      if (!record) continue;
      if (b.attended === true) record.attended += 1;
      if (b.attended === false) record.noShows += 1;
      if (b.cancelledLate) record.lateCancellations += 1;
    }
    return records;
  }

  async ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>> {
    return new Map(userIds.map((id) => [id, ratingOf(this.db, id)]));
  }

  async pendingFor(userId: string, endedAfter: Date, limit: number): Promise<PendingRating[]> {
    const pending: PendingRating[] = [];
    for (const announcement of this.db.announcements.values()) {
      if (announcement.status !== 'done' || endOf(announcement) <= endedAfter.getTime()) continue;
      const acceptedGuests = [...this.db.bookings.values()]
        .filter((b) => b.announcementId === announcement.id && b.status === 'accepted')
        .map((b) => b.guestId);
      for (const { rateeId, as } of rateesOf({ announcement, acceptedGuests }, userId))
        if (!this.db.ratings.has(ratingKey(announcement.id, userId, rateeId))) pending.push({ announcement, rateeId, as });
    }
    return pending
      .sort((x, y) => endOf(y.announcement) - endOf(x.announcement) || x.announcement.id.localeCompare(y.announcement.id) || x.rateeId.localeCompare(y.rateeId))
      .slice(0, limit);
  }
}

/** Mirrors the primary key of PostgreSQL's ratings table. */
export class MemoryRatingRepository implements RatingRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async ofParticipants(announcementId: string): Promise<ReadonlyMap<string, UserRating>> {
    const announcement = this.db.announcements.get(announcementId);
    if (!announcement) return new Map();
    const guests = [...this.db.bookings.values()].filter((b) => b.announcementId === announcementId && b.status === 'accepted').map((b) => b.guestId);
    return new Map([announcement.hostId, ...guests].map((id) => [id, ratingOf(this.db, id)]));
  }

  async byKey(announcementId: string, raterId: string, rateeId: string): Promise<RatingState | null> {
    const row = this.db.ratings.get(ratingKey(announcementId, raterId, rateeId));
    if (!row) return null;
    return { comment: null, createdAt: new Date(0), updatedAt: new Date(0), ...row };
  }

  async save(rating: RatingState, isNew: boolean): Promise<Result<void, DomainError>> {
    const key = ratingKey(rating.announcementId, rating.raterId, rating.rateeId);
    if (isNew && this.db.ratings.has(key)) return err(domainError('RATING.ALREADY_RATED'));
    this.db.save(this.db.ratings, key, rating, isNew);
    return ok(undefined);
  }

  async hostTotals(userId: string): Promise<{ sum: number; count: number }> {
    let sum = 0;
    let count = 0;
    for (const row of this.db.ratings.values()) if (row.rateeId === userId && row.as === 'host') { sum += row.score; count += 1; }
    return { sum, count };
  }

  /** Memory search reads every host's score from the ratings themselves (ratingOf): nothing to keep. */
  async storeHostScore(): Promise<void> {}
}
