import { keepsAnswer, type Claim, type ClaimTiming, type IdempotencyScope, type IdempotencyStore, type StoredResponse } from '../../application/index.js';
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

  /** Nothing here outlives the process, so the answer is simply kept after the write. */
  async settle(scope: IdempotencyScope, answer: () => Promise<StoredResponse>): Promise<StoredResponse> {
    let response: StoredResponse;
    try {
      response = await answer();
    } catch (error) {
      this.release(scope);
      throw error;
    }
    const row = this.db.idempotency.get(keyOf(scope));
    if (!keepsAnswer(response)) this.release(scope);
    else if (row) this.db.idempotency.set(keyOf(scope), { ...row, response });
    return response;
  }

  private release(scope: IdempotencyScope): void {
    const row = this.db.idempotency.get(keyOf(scope));
    if (row && row.fingerprint === scope.fingerprint && !row.response) this.db.idempotency.delete(keyOf(scope));
  }
}
