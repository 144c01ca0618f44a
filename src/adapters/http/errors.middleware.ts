import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { StorageUnavailableError } from '../../application/index.js';
import { HttpProblem, problemBody, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

export const sendProblem = (ctx: Context, p: Problem): void => {
  ctx.status = p.status;
  for (const [name, value] of Object.entries(p.headers ?? {})) ctx.set(name, value);
  ctx.type = PROBLEM_CONTENT_TYPE;
  ctx.body = problemBody(p);
};

type HttpishError = Error & { status?: number; type?: string; expose?: boolean };

/** Errors thrown by Koa's own machinery (body parsing, routing) as the problems they are. */
const frameworkProblem = (error: HttpishError): Problem | null => {
  if (error.type === 'entity.too.large' || error.status === 413)
    return { status: 400, code: 'REQUEST.TOO_LARGE', title: 'Request too large', detail: 'The request body is larger than this API accepts.' };
  // co-body's parse failures are SyntaxErrors (or plain errors) carrying status 400.
  if (error.status === 400)
    return { status: 400, code: 'REQUEST.MALFORMED_JSON', title: 'Malformed JSON', detail: 'The request body is not valid JSON.' };
  if (error.status === 405)
    return { status: 405, code: 'ROUTE.METHOD_NOT_ALLOWED', title: 'Method not allowed', detail: error.message };
  if (error.status === 501)
    return { status: 501, code: 'ROUTE.NOT_IMPLEMENTED', title: 'Not implemented', detail: error.message };
  if (error.status === 415)
    return { status: 415, code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported body', detail: error.message };
  return null;
};

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
        detail: 'The database cannot be reached; nothing was changed. Retry shortly.', headers: { 'Retry-After': '5' },
      });
    }
    const known = error instanceof HttpProblem ? error.problem : frameworkProblem(error);
    if (known) return sendProblem(ctx, known);
    ((ctx.state.log as Logger | undefined) ?? fallbackLogger).error({ err: error }, 'unhandled error');
    sendProblem(ctx, { status: 500, code: 'SERVER.ERROR', title: 'Internal error', detail: 'Something went wrong on our side; it has been logged.' });
  }
};
