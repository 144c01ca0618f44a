import type { Notification } from '../../domain/index.js';

export const NOTIFICATION_COLUMNS = `n.id, n.type, n.recipient_id, n.announcement_id, n.booking_id, n.link, n.title, n.body, n.created_at,
  n.reminder_for`;

export type NotificationRow = {
  id: string; type: Notification['type']; recipient_id: string; announcement_id: string; booking_id: string | null;
  link: string; title: string; body: string; created_at: Date; reminder_for: Date | null;
};

export const toNotification = (r: NotificationRow): Notification => ({
  id: r.id, type: r.type, recipientId: r.recipient_id, announcementId: r.announcement_id,
  ...(r.booking_id ? { bookingId: r.booking_id } : {}), link: r.link, title: r.title, body: r.body, createdAt: r.created_at,
  ...(r.reminder_for ? { reminderFor: r.reminder_for } : {}),
});
