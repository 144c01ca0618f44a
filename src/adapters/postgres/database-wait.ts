import { ExponentialBackoff, handleWhen, retry } from 'cockatiel';
import { isConnectionError } from './pg-client.js';

/** Capped low, so that a database coming back is noticed within about two seconds. */
const BACKOFF = new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 });

export type WaitObserver = (attempt: number, delayMs: number, error: unknown) => void;

/**
 * Runs `work` (connect, migrate) until the database answers, with jittered exponential
 * backoff. Only "not there" errors are waited out; anything else (a wrong password, a missing
 * database) is a real answer and is thrown at once. `signal` stops the wait at shutdown.
 */
export const untilDatabaseAnswers = <T>(work: () => Promise<T>, onWait: WaitObserver, signal?: AbortSignal): Promise<T> => {
  const policy = retry(handleWhen(isConnectionError), { maxAttempts: Number.MAX_SAFE_INTEGER, backoff: BACKOFF });
  policy.onRetry(({ attempt, delay, ...outcome }) => onWait(attempt, delay, 'error' in outcome ? outcome.error : undefined));
  return policy.execute(() => work(), signal);
};
