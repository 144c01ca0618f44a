import { err, ok, type Result } from 'neverthrow';
import type { BookingStatus } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { BookingQueries, ScheduleRow } from '../ports/booking-queries.port.js';
import type { CalendarFeeds } from '../ports/calendar-feeds.port.js';
import type { Clock } from '../ports/clock.port.js';
import { pageOf, parseStartKey, type Page } from '../ports/page.js';
import { shownPlace } from '../../domain/index.js';
import { instant, screeningSummary, type AnnouncementDetail, type AnnouncementView, type ScreeningSummary } from '../shared/views.js';

export type ScheduleItem = {
  readonly role: 'host' | 'guest';
  /** The caller's booking when they attend as guest; null when they host. */
  readonly booking: { readonly id: string; readonly status: BookingStatus; readonly seats: number; readonly shortUrl: string } | null;
  readonly announcement: ScreeningSummary
    & Pick<AnnouncementView, 'hostId' | 'description' | 'durationMinutes' | 'place' | 'status' | 'version' | 'updatedAt'>;
};

export type ScheduleQuery = { readonly from?: Date; readonly to?: Date; readonly limit: number; readonly cursor?: string };

/** A calendar feed reaches this far back, so that last month's screenings stay in the calendar. */
const FEED_HISTORY_MS = 90 * 24 * 3600_000;
/** And holds at most this many screenings: a calendar app polls the whole feed every time. */
const FEED_LIMIT = 1000;

export const scheduleItem = ({ announcement: a, booking }: ScheduleRow): ScheduleItem => ({
  role: booking ? 'guest' : 'host',
  booking: booking ? { id: booking.id, status: booking.status, seats: booking.seats, shortUrl: booking.shortUrl } : null,
  announcement: {
    // S1: where, for the host and an accepted guest; the city and area for a request still pending.
    ...screeningSummary(a), hostId: a.hostId, description: a.description, durationMinutes: a.durationMinutes,
    place: shownPlace(a.place, !booking || booking.status === 'accepted'),
    status: a.status, version: a.version, updatedAt: instant(a.updatedAt),
  },
});

/**
 * One screening as a calendar entry for whoever may see it (`GET /announcements/{id}/calendar.ics`,
 * "Add to calendar"): as its host, with the viewer's booking if they have one, or as neither —
 * the detail already shows exactly what this viewer may see (S1).
 */
export const calendarItemOf = (detail: AnnouncementDetail, viewerId: string): ScheduleItem => {
  const booking = detail.myBooking;
  return {
    role: detail.hostId === viewerId ? 'host' : 'guest',
    booking: booking ? { id: booking.id, status: booking.status, seats: booking.seats, shortUrl: booking.shortUrl } : null,
    announcement: {
      id: detail.id, title: detail.title, startsAt: detail.startsAt, endsAt: detail.endsAt, shortUrl: detail.shortUrl,
      movie: { id: detail.movie.id, title: detail.movie.title }, hostId: detail.hostId, description: detail.description,
      durationMinutes: detail.durationMinutes, place: detail.place, status: detail.status, version: detail.version, updatedAt: detail.updatedAt,
    },
  };
};

/**
 * RULES §6 `/me/schedule*`: what a person hosts and attends, by start time — as a page for the
 * API, and whole for calendar feeds, which a calendar app reads with the secret URL instead of a token.
 */
export class ReadSchedule {
  constructor(
    private readonly queries: BookingQueries,
    private readonly feeds: CalendarFeeds,
    private readonly clock: Clock,
  ) {}

  async page(userId: string, query: ScheduleQuery): Promise<Result<Page<ScheduleItem>, ApplicationError>> {
    const after = parseStartKey(query.cursor);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const rows = await this.queries.scheduleOf({
      userId, from: query.from ?? this.clock.now(), to: query.to, limit: query.limit + 1, after,
    });
    return ok(pageOf(rows, query.limit, scheduleItem, (r) => ({ startsAt: r.announcement.startsAt.toISOString(), id: r.announcement.id })));
  }

  /** Everything a calendar shows: the last 90 days and what is ahead. */
  async feed(userId: string): Promise<ScheduleItem[]> {
    const rows = await this.queries.scheduleOf({ userId, from: new Date(this.clock.now().getTime() - FEED_HISTORY_MS), limit: FEED_LIMIT });
    return rows.map(scheduleItem);
  }

  /** The feed behind a secret URL; CALENDAR_FEED.NOT_FOUND when the token is unknown or was rotated away. */
  async feedByToken(token: string): Promise<Result<ScheduleItem[], ApplicationError>> {
    const owner = await this.feeds.ownerOf(token);
    return owner === null ? err({ code: 'CALENDAR_FEED.NOT_FOUND' }) : ok(await this.feed(owner));
  }

  /** A new secret for the user's feed URL; the previous one stops working at once. */
  async rotateFeed(userId: string): Promise<string> {
    return this.feeds.issue(userId, this.clock.now());
  }
}
