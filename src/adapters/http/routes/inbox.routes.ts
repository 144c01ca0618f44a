import { NotificationPage } from '../responses.js';
import { route, type Route } from '../route.js';
import { InboxQuery } from '../schemas.js';
import type { UseCases } from '../use-cases.js';

export const inboxRoutes = (uc: UseCases): Route[] => [
  route({
    method: 'get', path: '/me/notifications', operationId: 'readInbox', tag: 'me',
    summary: 'My notifications, newest first', query: InboxQuery,
    responses: { 200: { description: 'One page of notifications', schema: NotificationPage } },
    refusals: ['PAGE.INVALID_CURSOR'],
    handle: async ({ userId, query }) =>
      (await uc.readInbox.execute(userId, query.limit, query.cursor)).map((page) => ({ status: 200, body: page })),
  }),
];
