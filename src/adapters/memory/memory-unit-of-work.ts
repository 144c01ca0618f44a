import { err, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../../domain/index.js';
import { detailThrough, type ReadStores, type Stores, type UnitOfWork } from '../../application/index.js';
import { MemoryAnnouncementRepository } from './memory-announcement.repository.js';
import { MemoryBookingRepository } from './memory-booking.repository.js';
import { MemoryCommitmentRepository } from './memory-commitment.repository.js';
import type { MemoryDatabase } from './memory-database.js';
import { MemoryNotifications } from './memory-notifications.js';
import { MemoryRatingRepository } from './memory-rating-reader.js';
import { MemoryBlocks, MemoryInvites, MemoryReports } from './memory-safety.js';

export class MemoryUnitOfWork implements UnitOfWork {
  private readonly stores: Stores;

  constructor(private readonly db: MemoryDatabase) {
    const stores = {
      announcements: new MemoryAnnouncementRepository(db),
      bookings: new MemoryBookingRepository(db),
      commitments: new MemoryCommitmentRepository(db),
      outbox: new MemoryNotifications(db),
      ratings: new MemoryRatingRepository(db),
      blocks: new MemoryBlocks(db),
      reports: new MemoryReports(db),
      invites: new MemoryInvites(db),
    };
    this.stores = { ...stores, details: detailThrough(stores) };
  }

  get reads(): ReadStores {
    return this.stores;
  }

  readTogether<T>(work: (reads: ReadStores) => Promise<T>): Promise<T> {
    return work(this.stores);
  }

  transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>> {
    return this.db.exclusive(async (): Promise<{ keep: boolean; value: Result<T, E | DomainError> }> => {
      const result = await work(this.stores);
      if (result.isErr()) return { keep: false, value: result };
      const overbooked = [...this.db.touchedAnnouncements].some((id) => !this.seatsAddUp(id));
      return overbooked ? { keep: false, value: err(domainError('BOOKING.NO_SEATS_LEFT', {})) } : { keep: true, value: result };
    });
  }

  /** B2 checked from the bookings themselves at commit, as PostgreSQL's deferred trigger does. */
  private seatsAddUp(announcementId: string): boolean {
    const announcement = this.db.announcements.get(announcementId);
    if (!announcement) return true;
    let accepted = 0;
    for (const b of this.db.bookings.values()) if (b.announcementId === announcementId && b.status === 'accepted') accepted += b.seats;
    return accepted <= announcement.capacity && accepted === announcement.seatsTaken;
  }
}
