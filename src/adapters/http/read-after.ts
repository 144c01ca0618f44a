import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import type { ReadPositions } from '../../application/index.js';
import { requestContext } from '../request-context.js';
import { problem } from './problem.js';

/** Sent with every write's answer, and sent back by the client to read what it wrote. */
export const READ_AFTER = 'WT-Read-After';
/** A WAL position as PostgreSQL prints one (`16/B374D848`). */
const POSITION = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes with a read replica (READ_DATABASE_URL): a write that succeeded answers with
 * `WT-Read-After`, the primary's position after its commit; a request that sends it back reads
 * nothing older (the replica waits to have replayed that far, or the primary answers). Without
 * a replica, nothing is sent and a position sent is only checked for its form.
 */
export const readAfter = (positions: ReadPositions | undefined): Middleware => async (ctx, next) => {
  const asked = ctx.get(READ_AFTER);
  if (asked) {
    if (!POSITION.test(asked))
      throw problem('REQUEST.INVALID', 'Invalid request', `${READ_AFTER} must be a position from a ${READ_AFTER} answer, such as 16/B374D848.`, {
        errors: [{ in: 'header', path: READ_AFTER, message: 'a WAL position such as 16/B374D848' }],
      });
    requestContext.readAfter(asked);
  }
  await next();
  if (!positions || SAFE.has(ctx.method) || ctx.status >= 400) return;
  // The write has committed: a database that cannot say where it stands costs the client only the guarantee.
  await positions.written().then((position) => ctx.set(READ_AFTER, position),
    (error: unknown) => (ctx.state.log as Logger | undefined)?.warn({ err: error }, `no ${READ_AFTER} for a write that committed`));
};
