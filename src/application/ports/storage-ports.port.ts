import type { AnnouncementSearch } from './announcement-search.port.js';
import type { BookingQueries } from './booking-queries.port.js';
import type { CalendarFeeds } from './calendar-feeds.port.js';
import type { IdempotencyStore } from './idempotency-store.port.js';
import type { Inbox } from './inbox.port.js';
import type { OutboxDelivery } from './outbox-delivery.port.js';
import type { ReminderQueries } from './reminder-queries.port.js';
import type { ShortLinkTargets } from './link-shortener.port.js';
import type { RatingReader } from './rating-reader.port.js';
import type { UnitOfWork } from './unit-of-work.port.js';

/** The ports a storage backend provides together (memory, PGlite, PostgreSQL), and the contract suites hold. */
export type StoragePorts = {
  readonly uow: UnitOfWork;
  readonly search: AnnouncementSearch;
  readonly bookingQueries: BookingQueries;
  readonly inbox: Inbox;
  readonly ratings: RatingReader;
  readonly idempotency: IdempotencyStore;
  readonly links: ShortLinkTargets;
  readonly outboxDelivery: OutboxDelivery;
  readonly reminders: ReminderQueries;
  readonly calendarFeeds: CalendarFeeds;
};
