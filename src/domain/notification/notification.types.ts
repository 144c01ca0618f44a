export const NOTIFICATION_TYPES = [
  'announcement.updated',
  'announcement.cancelled',
  'announcement.reminder_24h',
  'announcement.reminder_1h',
  'booking.created',
  'booking.status_changed',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** RULES §4 `EventToNotific`: what the notification service receives and the inbox keeps. */
export type Notification = {
  readonly id: string;
  readonly type: NotificationType;
  readonly recipientId: string;
  readonly announcementId: string;
  readonly bookingId?: string;
  readonly link: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: Date;
};

/** Who is told what, before texts and links are filled in. */
export type NotificationIntent = {
  readonly type: NotificationType;
  readonly recipientId: string;
  readonly announcementId: string;
  readonly bookingId?: string;
};
