import { MemoryAnnouncementSearch } from '../adapters/memory/memory-announcement-search.js';
import { MemoryBookingQueries } from '../adapters/memory/memory-booking-queries.js';
import { MemoryDatabase } from '../adapters/memory/memory-database.js';
import { MemoryIdempotencyStore } from '../adapters/memory/memory-idempotency.store.js';
import { MemoryNotifications } from '../adapters/memory/memory-notifications.js';
import { MemoryRatingReader } from '../adapters/memory/memory-rating-reader.js';
import { MemoryShortLinkTargets } from '../adapters/memory/memory-short-link-targets.js';
import { MemoryUnitOfWork } from '../adapters/memory/memory-unit-of-work.js';
import type { Storage } from './storage.js';

/** Everything in this process: fast, forgotten at exit. Tests and `STORAGE=memory`. */
export const memoryStorage = async (db = new MemoryDatabase()): Promise<Storage & { db: MemoryDatabase }> => ({
  db,
  uow: new MemoryUnitOfWork(db),
  search: new MemoryAnnouncementSearch(db),
  bookingQueries: new MemoryBookingQueries(db),
  inbox: new MemoryNotifications(db),
  ratings: new MemoryRatingReader(db),
  idempotency: new MemoryIdempotencyStore(db),
  links: new MemoryShortLinkTargets(db),
  readiness: async () => true,
  close: async () => undefined,
});
