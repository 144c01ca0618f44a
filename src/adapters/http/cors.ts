import cors from '@koa/cors';
import type { Middleware } from 'koa';

/** What a browser on an allowed origin may send and read. */
const ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Content-Encoding', 'Idempotency-Key', 'If-Match', 'X-Request-Id', 'WT-Read-After'];
const EXPOSE_HEADERS = ['ETag', 'Location', 'X-Request-Id', 'RateLimit', 'RateLimit-Policy', 'Retry-After', 'Idempotent-Replayed', 'WT-Read-After'];

/**
 * CORS for the API (and its document), for the origins of CORS_ORIGINS only: a cinema's site
 * on another origin may call it from a browser with a bearer token. No cookie is ever a
 * credential here, so `Access-Control-Allow-Credentials` is never sent; `*` allows any origin
 * on those terms. Another origin gets no CORS headers, and its browser keeps the answer from it.
 */
export const corsFor = (origins: readonly string[], apiPrefix: string): Middleware | null => {
  if (origins.length === 0) return null;
  const any = origins.includes('*');
  const allowed = new Set(origins);
  const handle = cors({
    origin: (ctx) => (any ? '*' : allowed.has(ctx.get('Origin')) ? ctx.get('Origin') : ''),
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowHeaders: ALLOW_HEADERS,
    exposeHeaders: EXPOSE_HEADERS,
    maxAge: 600,
    credentials: false,
  });
  return async (ctx, next) => {
    if (ctx.path.startsWith(`${apiPrefix}/`) || ctx.path === '/openapi.json') await (handle(ctx, next) as Promise<void>);
    else await next();
  };
};
