import { MemoryAnnouncementSearch } from './memory-announcement-search.js';
import { MemoryBookingQueries } from './memory-booking-queries.js';
import { MemoryDatabase } from './memory-database.js';
import { MemoryIdempotencyStore } from './memory-idempotency.store.js';
import { MemoryNotifications } from './memory-notifications.js';
import { MemoryOutboxDelivery } from './memory-outbox-delivery.js';
import { MemoryReminderQueries } from './memory-reminder-queries.js';
import { MemoryRatingReader } from './memory-rating-reader.js';
import { MemoryCalendarFeeds } from './memory-calendar-feeds.js';
import { MemoryShortLinkTargets } from './memory-short-link-targets.js';
import { MemoryUnitOfWork } from './memory-unit-of-work.js';

export { MemoryDatabase, type RatingRow } from './memory-database.js';
export { MemoryDirectory, type DirectoryData } from './memory-directory.js';

/** Every storage port of the core, kept in one process's memory (one database per call). */
export const memoryAdapters = (db = new MemoryDatabase()) => ({
  db,
  uow: new MemoryUnitOfWork(db),
  search: new MemoryAnnouncementSearch(db),
  bookingQueries: new MemoryBookingQueries(db),
  inbox: new MemoryNotifications(db),
  ratings: new MemoryRatingReader(db),
  idempotency: new MemoryIdempotencyStore(db),
  links: new MemoryShortLinkTargets(db),
  outboxDelivery: new MemoryOutboxDelivery(db),
  reminders: new MemoryReminderQueries(db),
  calendarFeeds: new MemoryCalendarFeeds(db),
});
