/**
 * How the dispatcher retries: exponential backoff with jitter, then a message is parked as
 * dead. `random` is a draw in [0, 1) the caller brings (the core has no randomness of its own).
 */
export type RetryPolicy = {
  /** Attempts in all, the first included; the last failure parks the message. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * The wait after failed attempt number `attempt` (1 for the first): base · 2^(attempt-1),
 * capped, then "equal jitter" — half of it fixed, half drawn — so a crowd of failures does
 * not retry in step, and no retry comes sooner than half its backoff.
 */
export const retryDelayMs = (attempt: number, random: number, policy: RetryPolicy): number => {
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(backoff / 2 + (backoff / 2) * random);
};

/** Whether the failure of attempt number `attempt` is the last one allowed. */
export const isLastAttempt = (attempt: number, policy: RetryPolicy): boolean => attempt >= policy.maxAttempts;
