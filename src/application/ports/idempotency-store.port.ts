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
  complete(scope: IdempotencyScope, response: StoredResponse): Promise<void>;
  /** Gives the key up when the request failed without an answer worth keeping. */
  release(scope: IdempotencyScope): Promise<void>;
}
