export const NOTIFICATION_TYPES = [
  'announcement.updated',
  'announcement.cancelled',
  'announcement.reminder_24h',
  'announcement.reminder_1h',
  'booking.created',
  'booking.status_changed',
  'rating.requested',
  'attendance.no_show',
  'report.filed',
  'booking.waitlisted',
  'announcement.seats_freed',
  'announcement.invited',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/**
 * The platform's trust and safety team, as a recipient: reports (S4) go to it through the
 * dispatcher like every notification. No user has this id (it is the nil UUID).
 */
export const PLATFORM_RECIPIENT_ID = '00000000-0000-0000-0000-000000000000';

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
  /** The screening it is about; a report about a person (`report.filed`) has none. */
  readonly announcementId?: string;
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
