import type { Claim, ClaimTiming, IdempotencyScope, IdempotencyStore, StoredResponse } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';

type KeyRow = { fingerprint: string; response: string | null; created_at: Date };

export class PgIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Queryable) {}

  /** One atomic upsert: a key is taken over only when its answer expired or its claim was abandoned. */
  async claim(scope: IdempotencyScope, { now, ttlMs, leaseMs }: ClaimTiming): Promise<Claim> {
    const claimed = await rows(this.db, `
      INSERT INTO idempotency_keys AS k (user_id, key, fingerprint, created_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (user_id, key) DO UPDATE SET fingerprint = excluded.fingerprint, created_at = excluded.created_at, response = NULL
       WHERE k.created_at <= $4::timestamptz - make_interval(secs => (CASE WHEN k.response IS NULL THEN $6 ELSE $5 END)::double precision / 1000)
      RETURNING 1`, [scope.userId, scope.key, scope.fingerprint, now, ttlMs, leaseMs]);
    if (claimed.length === 1) return { state: 'claimed' };
    const [row] = await rows<KeyRow>(this.db,
      'SELECT fingerprint, response, created_at FROM idempotency_keys WHERE user_id = $1 AND key = $2', [scope.userId, scope.key]);
    if (!row) return this.claim(scope, { now, ttlMs, leaseMs });
    if (row.fingerprint !== scope.fingerprint) return { state: 'mismatch' };
    if (row.response !== null) return { state: 'replay', response: JSON.parse(row.response) as StoredResponse };
    return { state: 'in-progress', retryAfterMs: Math.max(0, row.created_at.getTime() + leaseMs - now.getTime()) };
  }

  /** JSON text, not jsonb: text takes every string JSON.stringify writes, so this never fails after the write it records. */
  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await run(this.db, 'UPDATE idempotency_keys SET response = $4 WHERE user_id = $1 AND key = $2 AND fingerprint = $3',
      [scope.userId, scope.key, scope.fingerprint, JSON.stringify(response)]);
  }

  async release(scope: IdempotencyScope): Promise<void> {
    await run(this.db, 'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND fingerprint = $3 AND response IS NULL',
      [scope.userId, scope.key, scope.fingerprint]);
  }
}
