import { ratingDeadline, type AnnouncementState, type BookingState, type GuestRelevantField, type NotificationType } from '../../domain/index.js';

export type TextContext = {
  readonly announcement: AnnouncementState;
  readonly booking?: BookingState;
  readonly changed?: readonly GuestRelevantField[];
  readonly nameOf: (userId: string) => string;
  /** When the text is written: reminders say how long is left then. */
  readonly now: Date;
};

const when = (date: Date): string => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
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
      const next = b.status === 'accepted' ? 'Accepted automatically.' : 'Waiting for your decision.';
      return { title: `New request for “${a.title}”`, body: `${ctx.nameOf(b.guestId)} asked for ${seats(b.seats)}. ${next}` };
    }
    case 'booking.status_changed': {
      const b = bookingOf(ctx, type);
      // S1: acceptance is when the guest learns where (the host knows already).
      const where = b.status === 'accepted' ? ` The address: ${a.place.address}, ${a.place.city}.` : '';
      return {
        title: `Booking ${b.status}: “${a.title}”`,
        body: `The request of ${ctx.nameOf(b.guestId)} for ${seats(b.seats)} is now ${b.status}.${where}`,
      };
    }
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
