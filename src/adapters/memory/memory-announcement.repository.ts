import { err, ok, type Result } from 'neverthrow';
import { ACTIVE_ANNOUNCEMENT_STATUSES, Announcement, domainError, type DomainError } from '../../domain/index.js';
import type { AnnouncementRepository } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';
import { activeCommitments } from './memory-commitment.repository.js';

export class MemoryAnnouncementRepository implements AnnouncementRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async byId(id: string): Promise<Announcement | null> {
    const state = this.db.announcements.get(id);
    return state ? Announcement.rehydrate(state) : null;
  }

  /** Mirrors the PostgreSQL constraints, so both adapters keep the same promises. */
  async saveSeats(announcement: Announcement): Promise<void> {
    const state = announcement.snapshot();
    this.db.save(this.db.announcements, state.id, state, false);
  }

  async save(announcement: Announcement, isNew: boolean): Promise<Result<void, DomainError>> {
    const state = announcement.snapshot();
    if (state.seatsTaken > state.capacity)
      return err(domainError('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN', { seatsTaken: state.seatsTaken }));
    if (announcement.isActive) {
      const clash = activeCommitments(this.db, [state.hostId])
        .find((c) => c.as === 'host' && c.announcementId !== state.id && c.range.overlaps(announcement.range));
      if (clash) return err(domainError('SCHEDULE.CONFLICT', { announcementId: clash.announcementId, as: 'host' }));
    }
    this.db.save(this.db.announcements, state.id, state, isNew);
    return ok(undefined);
  }

  async activeOfHost(hostId: string): Promise<Announcement[]> {
    return [...this.db.announcements.values()]
      .filter((s) => s.hostId === hostId && ACTIVE_ANNOUNCEMENT_STATUSES.includes(s.status))
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => Announcement.rehydrate(s));
  }

  async endedBy(now: Date, limit: number): Promise<string[]> {
    return [...this.db.announcements.values()]
      .map((s) => Announcement.rehydrate(s))
      .filter((a) => a.isActive && a.range.end.getTime() <= now.getTime())
      .sort((a, b) => a.range.end.getTime() - b.range.end.getTime())
      .slice(0, limit)
      .map((a) => a.id);
  }
}
