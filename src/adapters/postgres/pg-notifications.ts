import type { Notification } from '../../domain/index.js';
import type { Inbox, Outbox, TimeKey } from '../../application/index.js';
import { later, rows, run, type Queryable } from './pg-client.js';
import { NOTIFICATION_COLUMNS, toNotification, type NotificationRow } from './pg-notification-rows.js';

export class PgNotifications implements Outbox, Inbox {
  constructor(private readonly db: Queryable) {}

  /**
   * One multi-row INSERT per change, whatever the number of recipients, each due at once. A
   * reminder a person already has for this start time hits the unique key and is skipped. In a
   * transaction it is sent with the commit (pg-client.ts, Batch).
   */
  async append(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    const column = <K extends keyof Notification>(key: K) => notifications.map((n) => n[key] ?? null);
    await later(this.db, `INSERT INTO notifications (id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at,
        reminder_for, next_attempt_at)
      SELECT *, created_at FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[],
        $9::timestamptz[], $10::timestamptz[]) AS u (id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at, reminder_for)
      ON CONFLICT DO NOTHING`,
      [column('id'), column('type'), column('recipientId'), column('announcementId'), column('bookingId'), column('link'),
        column('title'), column('body'), column('createdAt'), column('reminderFor')]);
  }

  async of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]> {
    const found = await rows<NotificationRow>(this.db, `SELECT ${NOTIFICATION_COLUMNS} FROM notifications n
      WHERE n.recipient_id = $1 AND ($2::timestamptz IS NULL OR (n.created_at, n.id) < ($2, $3::uuid))
      ORDER BY n.created_at DESC, n.id DESC LIMIT $4`, [recipientId, after?.createdAt ?? null, after?.id ?? null, limit]);
    return found.map(toNotification);
  }

  async readMark(recipientId: string): Promise<TimeKey | null> {
    const [mark] = await rows<{ read_until: Date; read_until_id: string }>(this.db,
      'SELECT read_until, read_until_id FROM inbox_reads WHERE recipient_id = $1', [recipientId]);
    return mark ? { createdAt: mark.read_until.toISOString(), id: mark.read_until_id } : null;
  }

  /** Counted on the inbox index, from the newest down to the read mark. */
  async unreadCount(recipientId: string): Promise<number> {
    const [row] = await rows<{ unread: number }>(this.db, `SELECT count(*)::int AS unread FROM notifications n
      WHERE n.recipient_id = $1 AND NOT EXISTS (SELECT 1 FROM inbox_reads r
        WHERE r.recipient_id = $1 AND (n.created_at, n.id) <= (r.read_until, r.read_until_id))`, [recipientId]);
    return row!.unread;
  }

  async markRead(recipientId: string, upTo: TimeKey): Promise<void> {
    await run(this.db, `INSERT INTO inbox_reads AS r (recipient_id, read_until, read_until_id) VALUES ($1, $2, $3)
      ON CONFLICT (recipient_id) DO UPDATE SET read_until = EXCLUDED.read_until, read_until_id = EXCLUDED.read_until_id
      WHERE (r.read_until, r.read_until_id) < (EXCLUDED.read_until, EXCLUDED.read_until_id)`, [recipientId, upTo.createdAt, upTo.id]);
  }
}
