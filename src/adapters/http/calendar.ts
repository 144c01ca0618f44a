import ical, { ICalAlarmType, ICalEventStatus } from 'ical-generator';
import type { ScheduleItem } from '../../application/index.js';
import { localTime } from '../../domain/index.js';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** How often calendar apps should poll the feed (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;

const statusOf = (item: ScheduleItem): ICalEventStatus => {
  const booking = item.booking?.status;
  if (item.announcement.status === 'cancelled' || booking === 'cancelled' || booking === 'expired') return ICalEventStatus.CANCELLED;
  return booking === 'pending' || booking === 'waitlisted' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
};

/** T1: the start as people at the place read it, with the zone, whatever zone the calendar app is in. */
const startsLocally = (item: ScheduleItem): string =>
  `Starts ${localTime(new Date(item.announcement.startsAt), item.announcement.place.timeZone)} (${item.announcement.place.timeZone}).`;

const describe = (item: ScheduleItem): string => {
  const { announcement: a, booking } = item;
  const role = booking ? `You asked for ${booking.seats === 1 ? '1 seat' : `${booking.seats} seats`}: ${booking.status}.`
    : item.role === 'host' ? 'You host this screening.' : 'You have not asked for a seat.';
  return [startsLocally(item), `Film: ${a.movie.title}`, role, a.description, a.shortUrl].filter(Boolean).join('\n\n');
};

/** The screenings a person goes to: hosted, or accepted, and not cancelled — these ring an hour ahead. */
const attends = (item: ScheduleItem): boolean =>
  item.announcement.status !== 'cancelled' && (item.role === 'host' || item.booking?.status === 'accepted');

const ALARM_SECONDS_BEFORE = 3600;

const SUMMARY_NOTE: Partial<Record<string, string>> = { pending: ' (request pending)', waitlisted: ' (on the waitlist)' };

/**
 * A schedule as iCalendar (RFC 5545): one event per screening, its UID stable across feeds,
 * SEQUENCE its version (so calendar apps take a moved start), times in UTC (the app shows them
 * in its own zone; the description says the start in the place's zone, T1), a cancelled
 * screening kept as STATUS:CANCELLED so it disappears from calendars instead of lingering, and
 * on a screening one attends (hosts, or is accepted to) an alarm an hour before it starts.
 */
export const scheduleCalendar = (items: readonly ScheduleItem[], opts: { name: string; uidDomain: string }): string => {
  const calendar = ical({ name: opts.name, prodId: { company: 'Watch Together', product: 'schedule', language: 'EN' }, ttl: REFRESH_SECONDS });
  for (const item of items) {
    const a = item.announcement;
    // S1: the address and point only for those who come; a pending request shows the city.
    const place = a.place;
    const title = place.addressHidden ? `${place.city} (the address once the host accepts you)` : `${place.address}, ${place.city}`;
    const event = calendar.createEvent({
      id: `${a.id}@${opts.uidDomain}`,
      sequence: a.version,
      start: new Date(a.startsAt),
      end: new Date(a.endsAt),
      stamp: new Date(a.updatedAt),
      lastModified: new Date(a.updatedAt),
      summary: `${a.title}${SUMMARY_NOTE[item.booking?.status ?? 'accepted'] ?? ''}`,
      description: describe(item),
      location: !place.addressHidden && place.lat !== undefined && place.lon !== undefined ? { title, geo: { lat: place.lat, lon: place.lon } } : title,
      url: a.shortUrl,
      status: statusOf(item),
    });
    if (attends(item))
      event.createAlarm({ type: ICalAlarmType.display, triggerBefore: ALARM_SECONDS_BEFORE, description: `${a.title} starts in an hour` });
  }
  return calendar.toString();
};
