import Koa from 'koa';
import type { Logger } from 'pino';
import { RETRY_AFTER_UNAVAILABLE_S, problems, sendProblem } from './errors.middleware.js';

/**
 * What the port answers while the service starts (the database may still be on its way):
 * alive, not ready, and every other request a 503 the client can retry.
 */
export const startingApp = (logger: Logger): Koa => {
  const app = new Koa();
  app.use(problems(logger));
  app.use((ctx) => {
    if (ctx.path === '/healthz' || ctx.path === '/api/v1/healthz') {
      ctx.body = { status: 'starting' };
      return;
    }
    sendProblem(ctx, {
      status: 503, code: 'SERVER.STARTING', title: 'Starting',
      detail: 'The service is starting and waits for its database; nothing was changed. Retry shortly.',
      headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_S) },
    });
  });
  return app;
};
