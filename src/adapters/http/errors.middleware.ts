import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { NeighbourUnavailableError, StorageUnavailableError } from '../../application/index.js';
import { HttpProblem, problemBody, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

export const sendProblem = (ctx: Context, p: Problem): void => {
  ctx.status = p.status;
  for (const [name, value] of Object.entries(p.headers ?? {})) ctx.set(name, value);
  ctx.type = PROBLEM_CONTENT_TYPE;
  ctx.body = problemBody(p);
};

type HttpishError = Error & { status?: number; type?: string; expose?: boolean };

/** Errors thrown by the router's own machinery as the problems they are (bodies: body.ts). */
const frameworkProblem = (error: HttpishError): Problem | null => {
  if (error.status === 405)
    return { status: 405, code: 'ROUTE.METHOD_NOT_ALLOWED', title: 'Method not allowed', detail: error.message };
  if (error.status === 501)
    return { status: 501, code: 'ROUTE.NOT_IMPLEMENTED', title: 'Not implemented', detail: error.message };
  return null;
};

const NEIGHBOUR_WORDS: Record<string, string> = { films: 'film catalogue', users: 'user service', shortener: 'link shortener' };

/** Seconds a client should wait before retrying when the database is away; reconnecting takes less. */
export const RETRY_AFTER_UNAVAILABLE_S = 2;

/** Every answer that is not a success is problem+json; a bug is a logged 500 that leaks nothing. */
export const problems = (fallbackLogger: Logger): Middleware => async (ctx, next) => {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined)
      sendProblem(ctx, { status: 404, code: 'ROUTE.NOT_FOUND', title: 'Not found', detail: `No route ${ctx.method} ${ctx.path}.` });
  } catch (caught) {
    const error = caught as HttpishError;
    if (error instanceof StorageUnavailableError) {
      ((ctx.state.log as Logger | undefined) ?? fallbackLogger).warn({ err: error }, 'storage unavailable');
      return sendProblem(ctx, {
        status: 503, code: 'SERVER.UNAVAILABLE', title: 'Temporarily unavailable',
        detail: 'The database cannot be reached; nothing was changed. Retry shortly.',
        headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_S) },
      });
    }
    if (error instanceof NeighbourUnavailableError) {
      ((ctx.state.log as Logger | undefined) ?? fallbackLogger).warn({ err: error, neighbour: error.neighbour }, 'neighbour unavailable');
      return sendProblem(ctx, {
        status: 503, code: 'NEIGHBOUR.UNAVAILABLE', title: 'Temporarily unavailable',
        detail: `The ${NEIGHBOUR_WORDS[error.neighbour] ?? error.neighbour} cannot be reached; nothing was changed. Retry shortly.`,
        headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE_S) }, extra: { neighbour: error.neighbour },
      });
    }
    const known = error instanceof HttpProblem ? error.problem : frameworkProblem(error);
    if (known) return sendProblem(ctx, known);
    ((ctx.state.log as Logger | undefined) ?? fallbackLogger).error({ err: error }, 'unhandled error');
    sendProblem(ctx, { status: 500, code: 'SERVER.ERROR', title: 'Internal error', detail: 'Something went wrong on our side; it has been logged.' });
  }
};
