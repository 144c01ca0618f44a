import type { DomainEvent } from '../shared/domain-event.js';
import type { NotificationIntent } from './notification.types.js';

/** The people around one screening at the moment of the event. */
export type Audience = {
  readonly hostId: string;
  /** Guests whose booking is accepted. */
  readonly participants: readonly string[];
  /** Guests whose booking is pending. */
  readonly applicants: readonly string[];
  /** The guest of the booking the event is about, if any. */
  readonly guestId?: string;
};

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];

/**
 * RULES §4's table. "Participants" include the host (§1), so the host's inbox keeps the
 * history of their own screening too.
 */
export const notificationIntents = (event: DomainEvent, audience: Audience): NotificationIntent[] => {
  const around = (): string[] => unique([audience.hostId, ...audience.participants, ...audience.applicants]);
  switch (event.type) {
    case 'SeatsChanged':
      return [];
    case 'AnnouncementUpdated':
      return around().map((recipientId) => ({ type: 'announcement.updated', recipientId, announcementId: event.announcementId }));
    case 'AnnouncementCancelled':
      return around().map((recipientId) => ({ type: 'announcement.cancelled', recipientId, announcementId: event.announcementId }));
    case 'ReminderDue':
      return unique([audience.hostId, ...audience.participants]).map((recipientId) => ({ type: event.reminder, recipientId, announcementId: event.announcementId }));
    case 'AnnouncementCompleted':
      // §5: a host whose screening nobody attended has no one to rate, and nobody to be rated by.
      if (audience.participants.length === 0) return [];
      return unique([audience.hostId, ...audience.participants]).map((recipientId) => ({ type: 'rating.requested', recipientId, announcementId: event.announcementId }));
    case 'BookingCreated':
      return [{ type: 'booking.created', recipientId: audience.hostId, announcementId: event.announcementId, bookingId: event.bookingId }];
    case 'Waitlisted':
      return audience.guestId ? [{ type: 'booking.waitlisted', recipientId: audience.guestId, announcementId: event.announcementId, bookingId: event.bookingId }] : [];
    case 'SeatsFreed':
      return [{ type: 'announcement.seats_freed', recipientId: audience.hostId, announcementId: event.announcementId }];
    case 'Invited':
      return [{ type: 'announcement.invited', recipientId: event.userId, announcementId: event.announcementId }];
    case 'MarkedNoShow':
      return audience.guestId ? [{ type: 'attendance.no_show', recipientId: audience.guestId, announcementId: event.announcementId, bookingId: event.bookingId }] : [];
    case 'BookingStatusChanged':
      return unique([audience.hostId, audience.guestId ?? audience.hostId]).map((recipientId) => ({
        type: 'booking.status_changed', recipientId, announcementId: event.announcementId, bookingId: event.bookingId,
      }));
  }
};

