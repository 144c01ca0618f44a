import ical, { ICalEventStatus } from 'ical-generator';
import type { ScheduleItem } from '../../application/index.js';

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** How often calendar apps should poll the feed (REFRESH-INTERVAL / X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;

const statusOf = (item: ScheduleItem): ICalEventStatus => {
  if (item.announcement.status === 'cancelled' || item.booking?.status === 'cancelled') return ICalEventStatus.CANCELLED;
  return item.booking?.status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
};

const describe = (item: ScheduleItem): string => {
  const { announcement: a, booking } = item;
  const role = booking ? `You asked for ${booking.seats === 1 ? '1 seat' : `${booking.seats} seats`}: ${booking.status}.` : 'You host this screening.';
  return [`Film: ${a.movie.title}`, role, a.description, a.shortUrl].filter(Boolean).join('\n\n');
};

/**
 * A schedule as iCalendar (RFC 5545): one event per screening, its UID stable across feeds,
 * SEQUENCE its version (so calendar apps take a moved start), times in UTC, a cancelled
 * screening kept as STATUS:CANCELLED so it disappears from calendars instead of lingering.
 */
export const scheduleCalendar = (items: readonly ScheduleItem[], opts: { name: string; uidDomain: string }): string => {
  const calendar = ical({ name: opts.name, prodId: { company: 'Watch Together', product: 'schedule', language: 'EN' }, ttl: REFRESH_SECONDS });
  for (const item of items) {
    const a = item.announcement;
    // S1: the address and point only for those who come; a pending request shows the city.
    const place = a.place;
    const title = place.addressHidden ? `${place.city} (the address once the host accepts you)` : `${place.address}, ${place.city}`;
    calendar.createEvent({
      id: `${a.id}@${opts.uidDomain}`,
      sequence: a.version,
      start: a.startsAt,
      end: a.endsAt,
      stamp: a.updatedAt,
      lastModified: a.updatedAt,
      summary: item.booking?.status === 'pending' ? `${a.title} (request pending)` : a.title,
      description: describe(item),
      location: !place.addressHidden && place.lat !== undefined && place.lon !== undefined ? { title, geo: { lat: place.lat, lon: place.lon } } : title,
      url: a.shortUrl,
      status: statusOf(item),
    });
  }
  return calendar.toString();
};
