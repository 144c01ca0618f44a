import type { Claim, ClaimTiming, IdempotencyScope, IdempotencyStore, StoredResponse } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

const keyOf = (scope: IdempotencyScope): string => `${scope.userId}\u0000${scope.key}`;

export class MemoryIdempotencyStore implements IdempotencyStore {
  constructor(private readonly db: MemoryDatabase) {}

  async claim(scope: IdempotencyScope, { now, ttlMs, leaseMs }: ClaimTiming): Promise<Claim> {
    const row = this.db.idempotency.get(keyOf(scope));
    const age = row ? now.getTime() - row.createdAt.getTime() : Infinity;
    const alive = row && (row.response ? age < ttlMs : age < leaseMs);
    if (row && alive) {
      if (row.fingerprint !== scope.fingerprint) return { state: 'mismatch' };
      return row.response
        ? { state: 'replay', response: row.response }
        : { state: 'in-progress', retryAfterMs: Math.max(0, row.createdAt.getTime() + leaseMs - now.getTime()) };
    }
    this.db.idempotency.set(keyOf(scope), { fingerprint: scope.fingerprint, createdAt: now, response: null });
    return { state: 'claimed' };
  }

  async complete(scope: IdempotencyScope, response: StoredResponse): Promise<void> {
    const row = this.db.idempotency.get(keyOf(scope));
    if (row) this.db.idempotency.set(keyOf(scope), { ...row, response });
  }

  async release(scope: IdempotencyScope): Promise<void> {
    const row = this.db.idempotency.get(keyOf(scope));
    if (row && row.fingerprint === scope.fingerprint && !row.response) this.db.idempotency.delete(keyOf(scope));
  }
}
