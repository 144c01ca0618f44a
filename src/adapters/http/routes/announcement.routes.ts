import type { z } from 'zod';
import type { AnnouncementDetail as Detail } from '../../../application/index.js';
import { AnnouncementDetail, AnnouncementPage, HostBookingList } from '../responses.js';
import type { RefusalCode } from '../route.js';
import { alias, route, sameInput, type Answer, type Route } from '../route.js';
import {
  AnnouncementBookingsQuery, AnnouncementFields, CreateAnnouncementBody, IdParams, LegacyMovieParams, SearchQuery, UpdateAnnouncementBody,
} from '../schemas.js';
import type { UseCases } from '../use-cases.js';
import { examples } from '../examples.js';

type Fields = z.output<typeof AnnouncementFields>;
const toDraft = (body: Fields) => ({ ...body, startsAt: new Date(body.startsAt) });
const toChanges = (body: Partial<Fields> & { status?: 'open' | 'closed' }) => ({
  ...body, startsAt: body.startsAt === undefined ? undefined : new Date(body.startsAt),
});
/** What any change by the host may meet: A1, A5 (404), A6, and If-Match. */
const HOST_CHANGE_REFUSALS: readonly RefusalCode[] = ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST', 'ANNOUNCEMENT.FINAL', 'ANNOUNCEMENT.VERSION_MISMATCH'];
const detail = (status: number) => (d: Detail): Answer => ({ status, body: d, headers: { ETag: `"${d.version}"` } });

export const announcementRoutes = (uc: UseCases): Route[] => {
  const create = route({
    method: 'post', path: '/announcements', operationId: 'createAnnouncement', tag: 'announcements',
    summary: 'Announce a screening', body: CreateAnnouncementBody, example: examples.createAnnouncement,
    responses: { 201: { description: 'Created', schema: AnnouncementDetail, headers: ['Location', 'ETag'] } },
    refusals: ['ANNOUNCEMENT.INVALID', 'ANNOUNCEMENT.STARTS_IN_PAST', 'MOVIE.UNKNOWN', 'SCHEDULE.CONFLICT', 'NEIGHBOUR.UNAVAILABLE'],
    handle: async ({ userId, body }) => {
      const { movieId, ...fields } = body;
      const created = await uc.createAnnouncement.execute({ hostId: userId, movieId, draft: toDraft(fields) });
      return created.map((d) => ({ ...detail(201)(d), headers: { ETag: `"${d.version}"`, Location: `/api/v1/announcements/${d.id}` } }));
    },
  });
  const search = route({
    method: 'get', path: '/announcements', operationId: 'searchAnnouncements', tag: 'announcements',
    summary: 'Find screenings', query: SearchQuery,
    responses: { 200: { description: 'One page of screenings', schema: AnnouncementPage } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ userId, query }) => {
      const { near, radiusKm, from, to, ...rest } = query;
      const found = await uc.searchAnnouncements.execute(userId, {
        ...rest,
        from: from ? new Date(from) : undefined,
        to: to ? new Date(to) : undefined,
        near: near ? { lat: near[0], lon: near[1], radiusKm: radiusKm ?? 10 } : undefined,
      });
      return found.map((page) => ({ status: 200, body: page }));
    },
  });
  const get = route({
    method: 'get', path: '/announcements/{id}', operationId: 'getAnnouncement', tag: 'announcements',
    summary: 'Read a screening', params: IdParams,
    responses: { 200: { description: 'The screening', schema: AnnouncementDetail, headers: ['ETag'] } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND'],
    handle: async ({ userId, params }) => (await uc.getAnnouncement.execute(userId, params.id)).map(detail(200)),
  });
  const update = route({
    method: 'patch', path: '/announcements/{id}', operationId: 'updateAnnouncement', tag: 'announcements',
    summary: 'Change, close or reopen a screening (host)', params: IdParams, body: UpdateAnnouncementBody, example: examples.updateAnnouncement, ifMatch: true,
    responses: { 200: { description: 'The changed screening', schema: AnnouncementDetail, headers: ['ETag'] } },
    refusals: [...HOST_CHANGE_REFUSALS, 'ANNOUNCEMENT.INVALID', 'ANNOUNCEMENT.STARTS_IN_PAST', 'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN',
      'ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT', 'SCHEDULE.CONFLICT'],
    handle: async ({ userId, params, body, ifMatch }) =>
      (await uc.updateAnnouncement.execute({ actorId: userId, announcementId: params.id, changes: toChanges(body), expectedVersion: ifMatch }))
        .map(detail(200)),
  });
  const cancel = route({
    method: 'post', path: '/announcements/{id}/cancel', operationId: 'cancelAnnouncement', tag: 'announcements',
    summary: 'Cancel a screening (host)', params: IdParams, ifMatch: true,
    responses: { 200: { description: 'The cancelled screening', schema: AnnouncementDetail, headers: ['ETag'] } },
    refusals: HOST_CHANGE_REFUSALS,
    handle: async ({ userId, params, ifMatch }) =>
      (await uc.cancelAnnouncement.execute({ actorId: userId, announcementId: params.id, expectedVersion: ifMatch })).map(detail(200)),
  });
  const remove = route({
    ...cancel, method: 'delete', path: '/announcements/{id}', operationId: 'deleteAnnouncement',
    summary: 'Cancel a screening (host); same as POST …/cancel',
    responses: { 204: { description: 'Cancelled' } },
    handle: async (input, ctx) => (await cancel.handle(input, ctx)).map(() => ({ status: 204 })),
  });
  const bookings = route({
    method: 'get', path: '/announcements/{id}/bookings', operationId: 'listAnnouncementBookings', tag: 'bookings',
    summary: 'Every booking of a screening (host)', params: IdParams, query: AnnouncementBookingsQuery,
    responses: { 200: { description: 'Bookings, oldest first', schema: HostBookingList } },
    refusals: ['ANNOUNCEMENT.NOT_FOUND', 'ANNOUNCEMENT.NOT_HOST'],
    handle: async ({ userId, params, query }) =>
      (await uc.listAnnouncementBookings.execute(userId, params.id, query.status)).map((items) => ({ status: 200, body: items })),
  });

  const byLegacyId = { params: IdParams, mapInput: sameInput };
  return [
    create, search, get, update, cancel, remove, bookings,
    alias(create, {
      method: 'post', path: '/announcement/{id}', params: LegacyMovieParams, body: AnnouncementFields,
      mapInput: (input) => ({ ...input, body: { ...input.body, movieId: input.params.id } }),
    }),
    alias(get, { method: 'get', path: '/announcement/{id}', ...byLegacyId }),
    alias(update, { method: 'put', path: '/announcement/{id}', ...byLegacyId }),
    alias(remove, { method: 'delete', path: '/announcement/{id}', ...byLegacyId }),
  ];
};
