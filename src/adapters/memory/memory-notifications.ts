import type { Notification } from '../../domain/index.js';
import type { Inbox, Outbox, TimeKey } from '../../application/index.js';
import { isAfter, newestFirst } from './memory-keyset.js';
import type { MemoryDatabase } from './memory-database.js';

/** The outbox and the inbox are the same rows: written with the change, read by the recipient. */
export class MemoryNotifications implements Outbox, Inbox {
  constructor(private readonly db: MemoryDatabase) {}

  async append(notifications: readonly Notification[]): Promise<void> {
    for (const n of notifications) this.db.write(this.db.notifications, n.id, n);
  }

  async of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]> {
    return [...this.db.notifications.values()]
      .filter((n) => n.recipientId === recipientId && isAfter(n, after))
      .sort(newestFirst)
      .slice(0, limit);
  }
}
