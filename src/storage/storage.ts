import type {
  AnnouncementSearch, BookingQueries, IdempotencyStore, Inbox, RatingReader, ShortLinkTargets, UnitOfWork,
} from '../application/index.js';

/** Everything a storage backend provides: one set of adapters per backend (memory, PostgreSQL, PGlite). */
export type Storage = {
  readonly uow: UnitOfWork;
  readonly search: AnnouncementSearch;
  readonly bookingQueries: BookingQueries;
  readonly inbox: Inbox;
  readonly ratings: RatingReader;
  readonly idempotency: IdempotencyStore;
  readonly links: ShortLinkTargets;
  readiness(): Promise<boolean>;
  close(): Promise<void>;
};
