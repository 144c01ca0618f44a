import type { GuestRelevantField } from '../announcement/announcement.types.js';
import type { BookingStatus } from '../booking/booking.types.js';
import type { ReminderType } from '../notification/reminders.policy.js';

/** What happened: the outbox tells the right people, the use case saves what changed. */
export type DomainEvent =
  /** The screening's count of taken seats moved (a booking accepted, revoked or cancelled): it must be saved. */
  | { readonly type: 'SeatsChanged'; readonly announcementId: string; readonly seatsTaken: number }
  | { readonly type: 'AnnouncementUpdated'; readonly announcementId: string; readonly changed: readonly GuestRelevantField[] }
  | { readonly type: 'AnnouncementCancelled'; readonly announcementId: string }
  /** The screening ended (A7): its participants may now rate each other (§5). */
  | { readonly type: 'AnnouncementCompleted'; readonly announcementId: string }
  /** A reminder's moment has come (the scheduler); who is told is decided then, not when it was planned. */
  | { readonly type: 'ReminderDue'; readonly announcementId: string; readonly reminder: ReminderType }
  | { readonly type: 'BookingCreated'; readonly bookingId: string; readonly announcementId: string }
  /** W1: a request joined the waitlist; its guest is told their place. */
  | { readonly type: 'Waitlisted'; readonly bookingId: string; readonly announcementId: string }
  /** I2: the host invited someone. */
  | { readonly type: 'Invited'; readonly announcementId: string; readonly userId: string }
  /** W2: seats freed on a manual screening with requests waiting: the host decides. */
  | { readonly type: 'SeatsFreed'; readonly announcementId: string; readonly seats: number; readonly waiting: number }
  /** S5: the host said the guest did not come. */
  | { readonly type: 'MarkedNoShow'; readonly bookingId: string; readonly announcementId: string }
  | {
      readonly type: 'BookingStatusChanged';
      readonly bookingId: string;
      readonly announcementId: string;
      readonly from: BookingStatus;
      readonly to: BookingStatus;
    };
