import type { ClaimedNotification, OutboxDelivery } from '../../application/index.js';
import type { MemoryDatabase, StoredNotification } from './memory-database.js';

const due = (n: StoredNotification, now: Date): boolean =>
  n.deliveredAt === null && n.deadAt === null && n.nextAttemptAt !== null && n.nextAttemptAt.getTime() <= now.getTime();

/** The outbox's delivery side in memory: claims are synchronous, so no two dispatchers ever share one. */
export class MemoryOutboxDelivery implements OutboxDelivery {
  constructor(private readonly db: MemoryDatabase) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
    const batch = [...this.db.notifications.values()]
      .filter((n) => due(n, now))
      .sort((a, b) => a.nextAttemptAt!.getTime() - b.nextAttemptAt!.getTime() || a.id.localeCompare(b.id))
      .slice(0, limit);
    return batch.map((n) => {
      const leased = { ...n, attempts: n.attempts + 1, nextAttemptAt: new Date(now.getTime() + leaseMs) };
      this.db.notifications.set(n.id, leased);
      return { notification: this.db.messageOf(leased), attempt: leased.attempts };
    }).sort((a, b) => a.notification.createdAt.getTime() - b.notification.createdAt.getTime() || a.notification.id.localeCompare(b.notification.id));
  }

  async markDelivered(ids: readonly string[], at: Date): Promise<void> {
    for (const id of ids) this.change(id, (n) => n.deadAt === null, { deliveredAt: at, nextAttemptAt: null, lastError: null });
  }

  async retryLater(id: string, error: string, at: Date): Promise<void> {
    this.change(id, (n) => n.deliveredAt === null && n.deadAt === null, { nextAttemptAt: at, lastError: error });
  }

  async park(id: string, error: string, at: Date): Promise<void> {
    this.change(id, (n) => n.deliveredAt === null, { deadAt: at, lastError: error, nextAttemptAt: null });
  }

  async backlog(): Promise<{ oldestUndeliveredAt: Date | null; dead: number }> {
    let oldest: Date | null = null;
    let dead = 0;
    for (const n of this.db.notifications.values()) {
      if (n.deadAt !== null) dead += 1;
      else if (n.deliveredAt === null && (!oldest || n.createdAt < oldest)) oldest = n.createdAt;
    }
    return { oldestUndeliveredAt: oldest, dead };
  }

  private change(id: string, when: (n: StoredNotification) => boolean, fields: Partial<StoredNotification>): void {
    const n = this.db.notifications.get(id);
    if (n && when(n)) this.db.notifications.set(id, { ...n, ...fields });
  }
}
