import {
  DEFAULT_TIME_ZONE, localTime, ratingDeadline,
  type AnnouncementState, type BookingState, type BookingStatus, type GuestRelevantField, type NotificationType,
} from '../../domain/index.js';

export type TextContext = {
  readonly announcement: AnnouncementState;
  readonly booking?: BookingState;
  readonly changed?: readonly GuestRelevantField[];
  readonly nameOf: (userId: string) => string;
  /** When the text is written: reminders say how long is left then. */
  readonly now: Date;
  /** W1: the booking's place on the waitlist. */
  readonly waitlistPosition?: number;
  /** W2: seats freed on a manual screening, and requests waiting. */
  readonly freed?: { readonly seats: number; readonly waiting: number };
  /** A status change: the status the booking came from (a promotion comes from `waitlisted`). */
  readonly from?: BookingStatus;
};
const seats = (n: number): string => (n === 1 ? '1 seat' : `${n} seats`);

/** How long until `start`, as a person says it; a reminder sent late says the truth, not its name. */
export const timeLeft = (now: Date, start: Date): string => {
  const minutes = Math.max(1, Math.round((start.getTime() - now.getTime()) / 60_000));
  if (minutes < 55) return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
  if (minutes < 90) return 'in 1 hour';
  return `in ${Math.round(minutes / 60)} hours`;
};
const FIELD_WORDS: Record<GuestRelevantField, string> = {
  title: 'title', description: 'description', startsAt: 'start time', durationMinutes: 'duration',
  place: 'place', isFree: 'price', tags: 'house rules',
};

/** Plain-language title and body for each notification type (RULES §4). */
export const notificationText = (type: NotificationType, ctx: TextContext): { title: string; body: string } => {
  const a = ctx.announcement;
  const host = ctx.nameOf(a.hostId);
  // T1: every time as people at the screening read it, with the zone's name.
  const when = (date: Date): string => localTime(date, a.place.timeZone ?? DEFAULT_TIME_ZONE);
  switch (type) {
    case 'announcement.updated': {
      const fields = (ctx.changed ?? []).map((f) => FIELD_WORDS[f]).join(', ');
      return { title: `“${a.title}” has changed`, body: `${host} changed the ${fields}. It starts ${when(a.startsAt)} in ${a.place.city}.` };
    }
    case 'announcement.cancelled':
      return { title: `“${a.title}” is cancelled`, body: `${host} cancelled the screening of ${a.film.title} planned for ${when(a.startsAt)}.` };
    case 'announcement.reminder_24h':
    case 'announcement.reminder_1h':
      return {
        title: `“${a.title}” starts ${timeLeft(ctx.now, a.startsAt)}`,
        body: `${a.film.title} at ${a.place.address}, ${a.place.city}, ${when(a.startsAt)}.`,
      };
    case 'rating.requested':
      return {
        title: `How was “${a.title}”?`,
        body: `The screening of ${a.film.title} on ${when(a.startsAt)} is over. Host and guests can rate each other until ${when(ratingDeadline(a))}.`,
      };
    case 'booking.created': {
      const b = bookingOf(ctx, type);
      const next = b.status === 'accepted' ? 'Accepted automatically.'
        : b.status === 'waitlisted' ? 'The screening is full: it waits on the list, and is accepted if seats free up.' : 'Waiting for your decision.';
      return { title: `New request for “${a.title}”`, body: `${ctx.nameOf(b.guestId)} asked for ${seats(b.seats)}. ${next}` };
    }
    case 'booking.status_changed': {
      const b = bookingOf(ctx, type);
      // S1: acceptance is when the guest learns where (the host knows already).
      const where = b.status === 'accepted' ? ` The address: ${a.place.address}, ${a.place.city}.` : '';
      // W2, W3: a promotion and an expiry say why, without a name (no directory call under the screening's lock).
      if (ctx.from === 'waitlisted' && b.status === 'accepted')
        return { title: `Booking accepted: “${a.title}”`, body: `Seats freed up: the waitlisted request for ${seats(b.seats)} is now accepted.${where}` };
      if (b.status === 'expired')
        return {
          title: `Waitlist closed: “${a.title}”`,
          body: `No seats freed up for the waitlisted request for ${seats(b.seats)} before the screening of ${a.film.title} on ${when(a.startsAt)}.`,
        };
      return {
        title: `Booking ${b.status}: “${a.title}”`,
        body: `The request of ${ctx.nameOf(b.guestId)} for ${seats(b.seats)} is now ${b.status}.${where}`,
      };
    }
    case 'booking.waitlisted': {
      const b = bookingOf(ctx, type);
      return {
        title: `On the waitlist for “${a.title}”`,
        body: `All seats are taken for now. You are number ${ctx.waitlistPosition ?? '?'} on the waitlist for ${seats(b.seats)}; when seats free up, you are accepted in turn and told at once. ${a.film.title}, ${when(a.startsAt)}.`,
      };
    }
    case 'announcement.seats_freed': {
      const f = ctx.freed ?? { seats: 0, waiting: 0 };
      return {
        title: `${seats(f.seats)} freed: “${a.title}”`,
        body: `${f.seats} ${f.seats === 1 ? 'seat is' : 'seats are'} free again, and ${f.waiting} ${f.waiting === 1 ? 'request waits' : 'requests wait'} for your decision.`,
      };
    }
    case 'announcement.invited':
      return {
        title: `${host} invites you: “${a.title}”`,
        body: `${host} invites you to watch ${a.film.title} on ${when(a.startsAt)} in ${a.place.city}. Open the link to ask for a seat.`,
      };
    case 'attendance.no_show':
      return {
        title: `Marked as not there: “${a.title}”`,
        body: `${host} marked you as not at the screening of ${a.film.title} on ${when(a.startsAt)}. If that is wrong, tell ${host}.`,
      };
    case 'report.filed':
      throw new Error('a report is written by FileReport, not composed from a screening');
  }
};

const bookingOf = (ctx: TextContext, type: NotificationType): BookingState => {
  if (!ctx.booking) throw new Error(`a ${type} notification needs its booking`);
  return ctx.booking;
};
