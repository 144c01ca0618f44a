import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { Clock, IdempotencyStore, StoredResponse } from '../../application/index.js';
import { problem } from './problem.js';

const TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than any request may run (statements time out after 10 s); a claim older than this was abandoned. */
const LEASE_MS = 30 * 1000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export type IdempotencyDeps = { readonly store: IdempotencyStore; readonly clock: Clock };

/**
 * RULES §6 `Idempotency-Key`: the same key and body from the same user within 24 h gets the
 * first answer again and changes nothing. A different body under the same key is refused
 * (422); a retry while the first request still runs gets 409 with the time its claim has left.
 * Server errors are not kept, so the client may retry them. The answer is kept with the write
 * it describes (the store's `settle`), so a crash cannot separate them.
 */
export const idempotent = async (
  ctx: Context,
  userId: string,
  deps: IdempotencyDeps,
  answer: () => Promise<StoredResponse>,
): Promise<StoredResponse> => {
  const key = ctx.get('Idempotency-Key');
  if (!key || ctx.method === 'GET') return answer();
  if (!KEY.test(key))
    throw problem('REQUEST.INVALID', 'Invalid request', 'Idempotency-Key must be 1–255 visible ASCII characters.', {
      errors: [{ in: 'header', path: 'Idempotency-Key', message: '1–255 visible ASCII characters' }],
    });
  const rawBody = (ctx.request as { rawBody?: string }).rawBody ?? '';
  const fingerprint = createHash('sha256').update(`${ctx.method} ${ctx.path}\n${rawBody}`).digest('base64url');
  const scope = { userId, key, fingerprint };
  const claim = await deps.store.claim(scope, { now: deps.clock.now(), ttlMs: TTL_MS, leaseMs: LEASE_MS });
  switch (claim.state) {
    case 'replay':
      return { ...claim.response, headers: { ...claim.response.headers, 'Idempotent-Replayed': 'true' } };
    case 'in-progress': {
      // Honest: the first request may still finish any moment, and its claim lapses at the latest then.
      const seconds = Math.max(1, Math.ceil(claim.retryAfterMs / 1000));
      throw problem('IDEMPOTENCY.IN_PROGRESS', 'Request still running',
        `A request with this Idempotency-Key is still being processed; retry within ${seconds} s.`, {
          headers: { 'Retry-After': String(seconds) },
        });
    }
    case 'mismatch':
      throw problem('IDEMPOTENCY.KEY_REUSED', 'Idempotency-Key reused', 'This Idempotency-Key was used for a different request.', {
        errors: [{ in: 'header', path: 'Idempotency-Key', message: 'already used for a different request' }],
      });
    case 'claimed':
      break;
  }
  return deps.store.settle(scope, answer);
};
