import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { z } from 'zod';
import { sendProblem } from './errors.middleware.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { Problem } from './responses.js';
import type { Route } from './route.js';
import { problemCodesOf, statusOf } from './route-problems.js';

/** Why an answer breaks its route's documented contract, or null when it keeps it. */
export const answerProblem = (route: Route, status: number, body: unknown, type: string): string | null => {
  const doc = route.responses[status];
  if (doc) {
    if (!doc.schema) return body === undefined || body === null ? null : `${status} carries a body its route does not document`;
    if (doc.contentType && doc.contentType !== 'application/json') return typeof body === 'string' ? null : `${status} should be ${doc.contentType} text`;
    const checked = doc.schema.safeParse(JSON.parse(JSON.stringify(body)));
    return checked.success ? null : `${status} does not match its schema: ${z.prettifyError(checked.error)}`;
  }
  if (type !== PROBLEM_CONTENT_TYPE) return `${status} is not a documented answer of ${route.method.toUpperCase()} ${route.path}`;
  const checked = Problem.safeParse(body);
  if (!checked.success) return `${status} is not a problem as documented: ${z.prettifyError(checked.error)}`;
  const { code } = checked.data;
  if (!problemCodesOf(route).some((c) => c === code)) return `${code} is not among the refusals ${route.method.toUpperCase()} ${route.path} documents`;
  return statusOf(code as Parameters<typeof statusOf>[0]) === status ? null : `${code} answered with ${status}, documented as ${statusOf(code as Parameters<typeof statusOf>[0])}`;
};

/**
 * Holds every answer of an API route to what the OpenAPI document says of it: the success
 * schemas (strict: an undocumented field fails), the problem codes and their statuses. On in
 * every test run (CHECK_ANSWERS), so a view that leaks a field or a refusal nobody documented
 * turns into a 500 the test sees; off in production, where it would cost every answer a parse.
 */
export const checkAnswers = (routes: readonly Route[], logger: Logger): Middleware => {
  const byKey = new Map(routes.map((r) => [`${r.method.toUpperCase()} ${r.path}`, r]));
  return async (ctx, next) => {
    await next();
    const route = byKey.get(`${ctx.method} ${String(ctx.state.route)}`);
    if (!route) return;
    const broken = answerProblem(route, ctx.status, ctx.body, ctx.response.type);
    if (!broken) return;
    logger.error({ route: route.path, status: ctx.status, broken }, 'an answer breaks its documented contract');
    sendProblem(ctx, { status: 500, code: 'SERVER.ERROR', title: 'Undocumented answer', detail: broken });
  };
};
