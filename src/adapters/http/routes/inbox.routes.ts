import { ok } from 'neverthrow';
import { NotificationPage } from '../responses.js';
import { route, type Route } from '../route.js';
import { InboxQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';

export const inboxRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'get', path: '/me/notifications', operationId: 'readInbox', tag: 'me',
    summary: 'My notifications, newest first, each read or not, and how many are unread', query: InboxQuery,
    responses: { 200: { description: 'One page of notifications', schema: NotificationPage } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ userId, query }) =>
      (await uc.readInbox.execute(userId, query.limit, query.cursor)).map((page) => ({ status: 200, body: page })),
  }),
  route({
    method: 'post', path: '/me/notifications/read', operationId: 'markInboxRead', tag: 'me',
    summary: 'Mark all my notifications read (up to the newest now; a later one stays unread)',
    responses: { 204: { description: 'Marked' } },
    refusals: [],
    handle: async ({ userId }) => { await uc.readInbox.markAllRead(userId); return ok({ status: 204 }); },
  }),
];
