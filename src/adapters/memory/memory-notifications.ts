import type { Notification } from '../../domain/index.js';
import { isNewerThan, type Inbox, type Outbox, type TimeKey } from '../../application/index.js';
import { isAfter, newestFirst } from './memory-keyset.js';
import type { MemoryDatabase } from './memory-database.js';

/** The outbox and the inbox are the same rows: written with the change, read by the recipient. */
export class MemoryNotifications implements Outbox, Inbox {
  constructor(private readonly db: MemoryDatabase) {}

  /** Due at once; a reminder the person already has for this start time is skipped, as the unique key does in SQL. */
  async append(notifications: readonly Notification[]): Promise<void> {
    for (const n of notifications) {
      if (n.reminderFor && n.announcementId && this.db.hasReminder(n.announcementId, n.recipientId, n.type, n.reminderFor)) continue;
      this.db.write(this.db.notifications, n.id, { ...n, attempts: 0, nextAttemptAt: n.createdAt, deliveredAt: null, deadAt: null, lastError: null });
    }
  }

  async of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]> {
    return [...this.db.notifications.values()]
      .filter((n) => n.recipientId === recipientId && isAfter(n, after))
      .sort(newestFirst)
      .slice(0, limit)
      .map((n) => this.db.messageOf(n));
  }

  async readMark(recipientId: string): Promise<TimeKey | null> {
    return this.db.readMarks.get(recipientId) ?? null;
  }

  async unreadCount(recipientId: string): Promise<number> {
    const mark = await this.readMark(recipientId);
    return [...this.db.notifications.values()].filter((n) => n.recipientId === recipientId && isNewerThan(n, mark)).length;
  }

  async markRead(recipientId: string, upTo: TimeKey): Promise<void> {
    const mark = this.db.readMarks.get(recipientId);
    if (!mark || isNewerThan({ createdAt: new Date(upTo.createdAt), id: upTo.id }, mark)) this.db.readMarks.set(recipientId, upTo);
  }
}
