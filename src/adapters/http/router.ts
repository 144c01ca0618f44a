import Router from '@koa/router';
import type { Context } from 'koa';
import type { AccessTokens, Clock, IdempotencyStore, StoredResponse } from '../../application/index.js';
import { authenticate } from './auth.js';
import { readJsonBody } from './body.js';
import { problemResponse } from './error-mapping.js';
import { idempotent } from './idempotency.js';
import { parseInput } from './parse-input.js';
import { problem } from './problem.js';
import type { RateLimiter } from './rate-limit.js';
import { isRateLimited } from './route-problems.js';
import type { Route } from './route.js';

export type RouterDeps = {
  readonly tokens: AccessTokens;
  readonly idempotency: IdempotencyStore;
  readonly clock: Clock;
  /** Writes per user, anonymous requests per address; null where the limit is off. */
  readonly limits: { readonly writes: RateLimiter | null; readonly anonymous: RateLimiter | null };
};

const koaPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/** Counts the request against its quota; over it, 429 with Retry-After. The RateLimit headers go on every answer. */
const limit = async (ctx: Context, limiter: RateLimiter | null, key: string): Promise<void> => {
  if (!limiter) return;
  const verdict = await limiter.take(key);
  ctx.set(verdict.headers);
  if (!verdict.allowed)
    throw problem('REQUEST.RATE_LIMITED', 'Too many requests', `At most ${limiter.quota.points} of these per ${limiter.quota.windowSeconds} s; try again in ${verdict.headers['Retry-After']} s.`, {
      headers: verdict.headers,
    });
};

/** Runs one route: authenticate, read the body, validate, (replay or) handle, answer. */
const run = (route: Route, deps: RouterDeps) => async (ctx: Context): Promise<void> => {
  ctx.state.route = route.path;
  const userId = route.public ? '' : await authenticate(ctx, deps.tokens);
  ctx.state.userId = userId;
  if (route.public) await limit(ctx, deps.limits.anonymous, ctx.ip);
  else if (isRateLimited(route)) await limit(ctx, deps.limits.writes, userId);
  await readJsonBody(ctx, route.body !== undefined);
  const input = parseInput(route, ctx);
  const answer = async (): Promise<StoredResponse> => {
    const result = await route.handle({ userId, ...(input as { params: never; query: never; body: never }), ifMatch: input.ifMatch }, ctx);
    if (result.isOk()) return { status: result.value.status, headers: { ...result.value.headers }, body: result.value.body ?? null };
    return problemResponse(result.error);
  };
  const response = await idempotent(ctx, userId, { store: deps.idempotency, clock: deps.clock }, answer);
  ctx.status = response.status;
  for (const [name, value] of Object.entries(response.headers)) ctx.set(name, value);
  if (response.status !== 204) ctx.body = response.body;
};

export const apiRouter = (prefix: string, routes: readonly Route[], deps: RouterDeps): Router => {
  const router = new Router({ prefix });
  for (const route of routes) router[route.method](koaPath(route.path), run(route, deps));
  return router;
};
