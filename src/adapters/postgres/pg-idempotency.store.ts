import { keepsAnswer, type Claim, type ClaimTiming, type IdempotencyScope, type IdempotencyStore, type StoredResponse } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';
import { endHeld, type RequestTransactions } from './pg-request-transaction.js';

type KeyRow = { fingerprint: string; response: string | null; created_at: Date };

export class PgIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: Queryable, private readonly requests: RequestTransactions) {}

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

  /**
   * The request runs with its write's transaction held open (RequestTransactions); its answer
   * is written into that transaction and both commit together. A request that wrote nothing
   * has its answer (a refusal, say) kept on its own.
   */
  async settle(scope: IdempotencyScope, answer: () => Promise<StoredResponse>): Promise<StoredResponse> {
    return this.requests.within(answer, async (held, outcome) => {
      const kept = 'value' in outcome && keepsAnswer(outcome.value) ? outcome.value : null;
      try {
        if (held) await endHeld(held, kept ? (db) => this.record(db, scope, kept) : null);
        else if (kept) await this.record(this.db, scope, kept);
      } catch (error) {
        await this.release(scope);
        throw error;
      }
      if (!kept) await this.release(scope);
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    });
  }

  /** JSON text, not jsonb: text takes every string JSON.stringify writes, so recording an answer never fails on its content. */
  private async record(db: Queryable, scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    await run(db, 'UPDATE idempotency_keys SET response = $4 WHERE user_id = $1 AND key = $2 AND fingerprint = $3',
      [scope.userId, scope.key, scope.fingerprint, JSON.stringify(response)]);
  }

  private async release(scope: IdempotencyScope): Promise<void> {
    await run(this.db, 'DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND fingerprint = $3 AND response IS NULL',
      [scope.userId, scope.key, scope.fingerprint]);
  }
}

/**
 * The embedded database belongs to one process, so at its start every claim without an answer
 * was a dead process's: giving them up lets a client retry at once instead of waiting out the
 * lease. (Its write, if any, was rolled back with it: answers commit with their writes.)
 */
export const releaseAbandonedClaims = async (db: Queryable): Promise<void> => {
  await run(db, 'DELETE FROM idempotency_keys WHERE response IS NULL');
};
