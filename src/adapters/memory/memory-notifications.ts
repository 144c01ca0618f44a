import type { Notification } from '../../domain/index.js';
import type { Inbox, Outbox, TimeKey } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

const newestFirst = (a: Notification, b: Notification): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id);

const isAfter = (n: Notification, key: TimeKey): boolean => {
  const at = Date.parse(key.createdAt);
  return n.createdAt.getTime() < at || (n.createdAt.getTime() === at && n.id < key.id);
};

/** The outbox and the inbox are the same rows: written with the change, read by the recipient. */
export class MemoryNotifications implements Outbox, Inbox {
  constructor(private readonly db: MemoryDatabase) {}

  async append(notifications: readonly Notification[]): Promise<void> {
    for (const n of notifications) this.db.write(this.db.notifications, n.id, n);
  }

  async of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]> {
    return [...this.db.notifications.values()]
      .filter((n) => n.recipientId === recipientId && (!after || isAfter(n, after)))
      .sort(newestFirst)
      .slice(0, limit);
  }
}
