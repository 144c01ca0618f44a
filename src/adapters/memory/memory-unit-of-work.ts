import type { Result } from 'neverthrow';
import type { ReadStores, Stores, UnitOfWork } from '../../application/index.js';
import { MemoryAnnouncementRepository } from './memory-announcement.repository.js';
import { MemoryBookingRepository } from './memory-booking.repository.js';
import { MemoryCommitmentRepository } from './memory-commitment.repository.js';
import type { MemoryDatabase } from './memory-database.js';
import { MemoryNotifications } from './memory-notifications.js';

export class MemoryUnitOfWork implements UnitOfWork {
  private readonly stores: Stores;

  constructor(private readonly db: MemoryDatabase) {
    this.stores = {
      announcements: new MemoryAnnouncementRepository(db),
      bookings: new MemoryBookingRepository(db),
      commitments: new MemoryCommitmentRepository(db),
      outbox: new MemoryNotifications(db),
    };
  }

  get reads(): ReadStores {
    return this.stores;
  }

  transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E>> {
    return this.db.exclusive(async () => {
      const result = await work(this.stores);
      return { keep: result.isOk(), value: result };
    });
  }
}
