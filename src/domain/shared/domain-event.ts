import type { GuestRelevantField } from '../announcement/announcement.types.js';
import type { BookingStatus } from '../booking/booking.types.js';

/** What happened, as the outbox needs to know it to tell the right people. */
export type DomainEvent =
  | { readonly type: 'AnnouncementUpdated'; readonly announcementId: string; readonly changed: readonly GuestRelevantField[] }
  | { readonly type: 'AnnouncementCancelled'; readonly announcementId: string }
  | { readonly type: 'BookingCreated'; readonly bookingId: string; readonly announcementId: string }
  | {
      readonly type: 'BookingStatusChanged';
      readonly bookingId: string;
      readonly announcementId: string;
      readonly from: BookingStatus;
      readonly to: BookingStatus;
    };
