import {
  isReminder, notificationIntents,
  type AnnouncementState, type Audience, type BookingState, type DomainEvent, type Notification,
} from '../../domain/index.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import { notificationText } from './notification-texts.js';

export type CompositionContext = {
  readonly announcement: AnnouncementState;
  readonly booking?: BookingState;
  /** Active bookings as they were before the change; only screening-wide events need them. */
  readonly activeBookings?: ReadonlyArray<Pick<BookingState, 'status' | 'guestId'>>;
  readonly names: ReadonlyMap<string, string>;
  readonly now: Date;
  /** W1: the booking's place on the waitlist, for `booking.waitlisted`. */
  readonly waitlistPosition?: number;
};

export const audienceOf = (hostId: string, active: ReadonlyArray<Pick<BookingState, 'status' | 'guestId'>>, guestId?: string): Audience => ({
  hostId,
  participants: active.filter((b) => b.status === 'accepted').map((b) => b.guestId),
  // Waiting guests hear of changes and cancellations as applicants do.
  applicants: active.filter((b) => b.status === 'pending' || b.status === 'waitlisted').map((b) => b.guestId),
  ...(guestId ? { guestId } : {}),
});

/** Turns domain events into the notifications the outbox stores, one per recipient. */
export class NotificationComposer {
  constructor(private readonly ids: IdGenerator) {}

  compose(events: readonly DomainEvent[], ctx: CompositionContext): Notification[] {
    const audience = audienceOf(ctx.announcement.hostId, ctx.activeBookings ?? [], ctx.booking?.guestId);
    const nameOf = (id: string): string => ctx.names.get(id) ?? 'Someone';
    return events.flatMap((event) =>
      notificationIntents(event, audience).map((intent): Notification => {
        const changed = event.type === 'AnnouncementUpdated' ? event.changed : undefined;
        const freed = event.type === 'SeatsFreed' ? { seats: event.seats, waiting: event.waiting } : undefined;
        const from = event.type === 'BookingStatusChanged' ? event.from : undefined;
        const text = notificationText(intent.type, {
          announcement: ctx.announcement, booking: ctx.booking, changed, nameOf, now: ctx.now, freed, from, waitlistPosition: ctx.waitlistPosition,
        });
        return {
          id: this.ids.next(),
          ...intent,
          link: intent.bookingId && ctx.booking ? ctx.booking.shortUrl : ctx.announcement.shortUrl,
          ...text,
          createdAt: ctx.now,
          ...(isReminder(intent.type) ? { reminderFor: ctx.announcement.startsAt } : {}),
        };
      }),
    );
  }
}
