import { ok } from 'neverthrow';
import { calendarItemOf } from '../../../application/index.js';
import { z } from 'zod';
import { CALENDAR_CONTENT_TYPE, scheduleCalendar } from '../calendar.js';
import { Calendar, CalendarFeed, SchedulePage } from '../responses.js';
import { route, type Route } from '../route.js';
import { IdParams, ScheduleQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';

const FeedParams = z.strictObject({ secret: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'the secret of a feed URL') });

/** RULES §6 `/me/schedule*`, the calendar feed a calendar app subscribes to, and one screening's event. */
export const scheduleRoutes = (uc: UseCases, opts: { publicBaseUrl: string }): Route[] => {
  const uidDomain = new URL(opts.publicBaseUrl).host;
  const ics = (items: Parameters<typeof scheduleCalendar>[0], name: string) => ({
    status: 200,
    body: scheduleCalendar(items, { name, uidDomain }),
    headers: { 'Content-Type': CALENDAR_CONTENT_TYPE, 'Cache-Control': 'private, no-cache' },
  });
  return [
    route({
      method: 'get', path: '/me/schedule', operationId: 'readSchedule', tag: 'me',
      summary: 'What I host and attend (pending or accepted), by start time', query: ScheduleQuery,
      responses: { 200: { description: 'One page of my screenings', schema: SchedulePage } },
      refusals: ['PAGE.INVALID_CURSOR'],
      handle: async ({ userId, query }) => (await uc.readSchedule.page(userId, {
        from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined, limit: query.limit, cursor: query.cursor,
      })).map((page) => ({ status: 200, body: page })),
    }),
    route({
      method: 'get', path: '/me/schedule.ics', operationId: 'readScheduleCalendar', tag: 'me',
      summary: 'My schedule as iCalendar: the last 90 days and everything ahead',
      responses: { 200: { description: 'The calendar', schema: Calendar, contentType: 'text/calendar', headers: ['Cache-Control'] } },
      refusals: [],
      handle: async ({ userId }) => ok(ics(await uc.readSchedule.feed(userId), 'Watch Together')),
    }),
    route({
      method: 'get', path: '/announcements/{id}/calendar.ics', operationId: 'readScreeningCalendar', tag: 'announcements',
      summary: '"Add to calendar": one screening as one iCalendar event, as the caller may see it', params: IdParams,
      responses: { 200: { description: 'The event', schema: Calendar, contentType: 'text/calendar', headers: ['Cache-Control', 'Content-Disposition'] } },
      refusals: ['ANNOUNCEMENT.NOT_FOUND'],
      handle: async ({ userId, params }) => (await uc.getAnnouncement.execute(userId, params.id)).map((detail) => {
        const answer = ics([calendarItemOf(detail, userId)], detail.title);
        return { ...answer, headers: { ...answer.headers, 'Content-Disposition': 'attachment; filename="screening.ics"' } };
      }),
    }),
    route({
      method: 'post', path: '/me/calendar-feed', operationId: 'rotateCalendarFeed', tag: 'me',
      summary: 'A secret URL for calendar apps to subscribe to; each call replaces the previous URL, which stops working',
      responses: { 201: { description: 'The new secret URL', schema: CalendarFeed, headers: ['Cache-Control'] } },
      refusals: [],
      handle: async ({ userId }) => {
        const secret = await uc.readSchedule.rotateFeed(userId);
        return ok({ status: 201, body: { url: `${opts.publicBaseUrl}/api/v1/calendar/${secret}.ics` }, headers: { 'Cache-Control': 'no-store' } });
      },
    }),
    route({
      method: 'get', path: '/calendar/{secret}.ics', operationId: 'readCalendarFeed', tag: 'me', public: true,
      summary: 'The schedule behind a secret feed URL (for calendar apps, which send no token)', params: FeedParams,
      responses: { 200: { description: 'The calendar', schema: Calendar, contentType: 'text/calendar', headers: ['Cache-Control'] } },
      refusals: ['CALENDAR_FEED.NOT_FOUND'],
      handle: async ({ params }) => (await uc.readSchedule.feedByToken(params.secret)).map((items) => ics(items, 'Watch Together')),
    }),
  ];
};
