export const NOTIFICATION_TYPES = [
  'announcement.updated',
  'announcement.cancelled',
  'announcement.reminder_24h',
  'announcement.reminder_1h',
  'booking.created',
  'booking.status_changed',
  'rating.requested',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** One notification as the outbox keeps it: the message, and for a reminder the start it announces. */
export type Notification = NotificationMessage & {
  /** Reminders only: the start time they announce. One per person, kind and start time (a unique key). */
  readonly reminderFor?: Date;
};

/** RULES §4's message (`EventToNotific`): what the notification service receives and the inbox shows. */
export type NotificationMessage = {
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

export const toMessage = ({ reminderFor: _, ...message }: Notification): NotificationMessage => message;

/** Who is told what, before texts and links are filled in. */
export type NotificationIntent = {
  readonly type: NotificationType;
  readonly recipientId: string;
  readonly announcementId: string;
  readonly bookingId?: string;
};
