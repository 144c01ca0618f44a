import type { Notification } from '../../domain/index.js';
import type { Inbox, Outbox, TimeKey } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';

type NotificationRow = {
  id: string; type: Notification['type']; recipient_id: string; announcement_id: string; booking_id: string | null;
  link: string; title: string; body: string; created_at: Date;
};

const toNotification = (r: NotificationRow): Notification => ({
  id: r.id, type: r.type, recipientId: r.recipient_id, announcementId: r.announcement_id,
  ...(r.booking_id ? { bookingId: r.booking_id } : {}), link: r.link, title: r.title, body: r.body, createdAt: r.created_at,
});

export class PgNotifications implements Outbox, Inbox {
  constructor(private readonly db: Queryable) {}

  /** One multi-row INSERT per change, whatever the number of recipients. */
  async append(notifications: readonly Notification[]): Promise<void> {
    if (notifications.length === 0) return;
    const column = <K extends keyof Notification>(key: K) => notifications.map((n) => n[key] ?? null);
    await run(this.db, `INSERT INTO notifications (id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])`,
      [column('id'), column('type'), column('recipientId'), column('announcementId'), column('bookingId'), column('link'),
        column('title'), column('body'), column('createdAt')]);
  }

  async of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]> {
    const found = await rows<NotificationRow>(this.db, `SELECT id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at
      FROM notifications WHERE recipient_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3::uuid))
      ORDER BY created_at DESC, id DESC LIMIT $4`, [recipientId, after?.createdAt ?? null, after?.id ?? null, limit]);
    return found.map(toNotification);
  }
}
