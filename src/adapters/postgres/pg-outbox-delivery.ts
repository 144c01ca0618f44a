import type { ClaimedNotification, OutboxDelivery } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';
import { NOTIFICATION_COLUMNS, toNotification, type NotificationRow } from './pg-notification-rows.js';

/**
 * The dispatcher's queue is the notifications table itself. A claim is one statement: the due
 * rows are locked with SKIP LOCKED (a dispatcher never waits for, nor takes, another's rows)
 * and leased by moving their next attempt past the lease; nothing stays locked while sending.
 */
export class PgOutboxDelivery implements OutboxDelivery {
  constructor(private readonly db: Queryable) {}

  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]> {
    const claimed = await rows<NotificationRow & { attempts: number }>(this.db, `
      WITH due AS (
        SELECT id FROM notifications
         WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
      UPDATE notifications n SET next_attempt_at = $1::timestamptz + make_interval(secs => $3::double precision / 1000),
             attempts = n.attempts + 1
        FROM due WHERE n.id = due.id
      RETURNING ${NOTIFICATION_COLUMNS}, n.attempts`, [now, limit, leaseMs]);
    return claimed
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime() || a.id.localeCompare(b.id))
      .map((row) => ({ notification: toNotification(row), attempt: row.attempts }));
  }

  async markDelivered(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await run(this.db, `UPDATE notifications SET delivered_at = $2, next_attempt_at = NULL, last_error = NULL
      WHERE id = ANY($1::uuid[]) AND dead_at IS NULL`, [ids, at]);
  }

  async retryLater(id: string, error: string, at: Date): Promise<void> {
    await run(this.db, 'UPDATE notifications SET next_attempt_at = $3, last_error = $2 WHERE id = $1 AND delivered_at IS NULL AND dead_at IS NULL',
      [id, error.slice(0, 1000), at]);
  }

  async park(id: string, error: string, at: Date): Promise<void> {
    await run(this.db, 'UPDATE notifications SET dead_at = $3, last_error = $2, next_attempt_at = NULL WHERE id = $1 AND delivered_at IS NULL',
      [id, error.slice(0, 1000), at]);
  }

  async backlog(): Promise<{ oldestUndeliveredAt: Date | null; dead: number }> {
    const [row] = await rows<{ oldest: Date | null; dead: number }>(this.db, `
      SELECT (SELECT created_at FROM notifications WHERE delivered_at IS NULL AND dead_at IS NULL ORDER BY created_at LIMIT 1) AS oldest,
             (SELECT count(*)::int FROM notifications WHERE dead_at IS NOT NULL) AS dead`);
    return { oldestUndeliveredAt: row?.oldest ?? null, dead: row?.dead ?? 0 };
  }
}
