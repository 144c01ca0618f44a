/** A stored answer to a write, replayed for a repeated `Idempotency-Key`. */
export type StoredResponse = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
};

export type Claim =
  | { readonly state: 'claimed' }
  | { readonly state: 'replay'; readonly response: StoredResponse }
  /** `retryAfterMs`: until the claim's lease runs out, should its process have died. */
  | { readonly state: 'in-progress'; readonly retryAfterMs: number }
  | { readonly state: 'mismatch' };

export type IdempotencyScope = { readonly userId: string; readonly key: string; readonly fingerprint: string };

export type ClaimTiming = {
  readonly now: Date;
  /** How long an answer is replayed (RULES §6: 24 h). */
  readonly ttlMs: number;
  /** After this long without an answer, a claim counts as abandoned (its process died). */
  readonly leaseMs: number;
};

export interface IdempotencyStore {
  /** Claims the key for this request, or tells what happened to it. */
  claim(scope: IdempotencyScope, timing: ClaimTiming): Promise<Claim>;
  /**
   * Runs the claimed request and keeps its answer for replays. An answer of 500 or more, or a
   * throw, is not kept: the key is given up so the client may retry. A store that can (the SQL
   * ones) commits the request's write and its answer in one transaction, so that no crash can
   * leave a write behind whose retry would not be recognised.
   */
  settle(scope: IdempotencyScope, answer: () => Promise<StoredResponse>): Promise<StoredResponse>;
}

/** Whether an answer is kept for replays: any but a server error, which the client may retry. */
export const keepsAnswer = (response: StoredResponse): boolean => response.status < 500;
