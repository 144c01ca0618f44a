import { ACTIVE_BOOKING_STATUSES, Announcement, type Commitment, type TimeRange } from '../../domain/index.js';
import type { CommitmentRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

type MemoryCommitment = Commitment & { readonly bookingId?: string };

/** Every active commitment of the given users: screenings they host and bookings they hold. */
export const activeCommitments = (db: MemoryDatabase, userIds: readonly string[]): MemoryCommitment[] => {
  const users = new Set(userIds);
  const found: MemoryCommitment[] = [];
  for (const state of db.announcements.values()) {
    const a = Announcement.rehydrate(state);
    if (a.isActive && users.has(a.hostId)) found.push({ userId: a.hostId, announcementId: a.id, range: a.range, as: 'host' });
  }
  for (const b of db.bookings.values()) {
    const announcement = db.announcements.get(b.announcementId);
    if (!users.has(b.guestId) || !announcement || !ACTIVE_BOOKING_STATUSES.includes(b.status)) continue;
    const a = Announcement.rehydrate(announcement);
    if (a.isActive) found.push({ userId: b.guestId, announcementId: a.id, range: a.range, as: 'guest', bookingId: b.id });
  }
  return found;
};

export class MemoryCommitmentRepository implements CommitmentRepository {
  constructor(private readonly db: MemoryDatabase) {}

  /** Transactions already run one at a time in memory. */
  async lockUsers(): Promise<void> {}

  async overlapping(userIds: readonly string[], range: TimeRange): Promise<Commitment[]> {
    return activeCommitments(this.db, userIds)
      .filter((c) => c.range.overlaps(range))
      .map(({ userId, announcementId, range: r, as }) => ({ userId, announcementId, range: r, as }));
  }

  async overlappingScreening(userIds: readonly string[], announcementId: string): Promise<Commitment[]> {
    const screening = this.db.announcements.get(announcementId);
    return screening ? this.overlapping(userIds, Announcement.rehydrate(screening).range) : [];
  }
}
