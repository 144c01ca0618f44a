import {
  BrokenCircuitError, CircuitState, ConsecutiveBreaker, ExponentialBackoff, TaskCancelledError,
  circuitBreaker, handleWhen, retry, timeout, TimeoutStrategy, wrap, type IPolicy,
} from 'cockatiel';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { z } from 'zod';
import { NeighbourUnavailableError } from '../../application/index.js';
import { currentRequest } from '../request-context.js';

export type NeighbourName = 'users' | 'films' | 'shortener' | 'jwks';

export type NeighbourSettings = {
  readonly timeoutMs: number;
  /** After this many failures in a row the breaker opens: calls fail at once until it half-opens. */
  readonly breakAfter: number;
  readonly halfOpenAfterMs: number;
};

export const DEFAULT_NEIGHBOUR_SETTINGS: Omit<NeighbourSettings, 'timeoutMs'> = { breakAfter: 5, halfOpenAfterMs: 5_000 };

/** Fails the call; `retryable` when asking again may help (5xx, network), not when it cannot (4xx, a wrong answer). */
class CallFailed extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

/** The metrics of every neighbour, on the service's registry (one set per registry). */
export class NeighbourMetrics {
  readonly calls: Counter<'neighbour' | 'outcome'>;
  readonly duration: Histogram<'neighbour'>;
  readonly breaker: Gauge<'neighbour'>;

  constructor(registry: Registry) {
    this.calls = new Counter({ name: 'neighbour_calls_total', help: 'Calls to neighbouring services, by outcome', labelNames: ['neighbour', 'outcome'] as const, registers: [registry] });
    this.duration = new Histogram({
      name: 'neighbour_call_duration_seconds', help: 'Latency of calls to neighbouring services', labelNames: ['neighbour'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    });
    this.breaker = new Gauge({ name: 'neighbour_breaker_open', help: 'Circuit breaker per neighbour: 0 closed, 0.5 half-open, 1 open', labelNames: ['neighbour'] as const, registers: [registry] });
  }

  /** Each neighbour called over HTTP, with its breaker's state now: what /readyz reports. */
  readonly breakers = new Map<NeighbourName, () => 'closed' | 'half-open' | 'open'>();
}

const STATE_NAME: Record<CircuitState, 'closed' | 'half-open' | 'open'> = {
  [CircuitState.Closed]: 'closed', [CircuitState.HalfOpen]: 'half-open', [CircuitState.Open]: 'open', [CircuitState.Isolated]: 'open',
};

const BREAKER_VALUE: Record<CircuitState, number> = { [CircuitState.Closed]: 0, [CircuitState.HalfOpen]: 0.5, [CircuitState.Open]: 1, [CircuitState.Isolated]: 1 };

/**
 * One neighbouring service over HTTP, with the resilience RULES §7 asks for, configured once:
 * every call has a timeout; idempotent reads are retried once, with jitter, after a quick
 * failure (5xx, a refused connection) but not after a timeout, so a hanging service costs one
 * timeout per call, and a request that saw a neighbour fail does not ask it again (so it waits
 * for each neighbour's timeout at most once); a circuit breaker per neighbour fails calls at once
 * while the service is down. Every answer is checked against its schema: a wrong shape is that neighbour failing.
 * Whatever goes wrong, the caller sees NeighbourUnavailableError.
 */
export class NeighbourClient {
  private readonly read: IPolicy;
  private readonly write: IPolicy;
  private readonly base: string;

  constructor(readonly name: NeighbourName, baseUrl: string, settings: NeighbourSettings, private readonly metrics: NeighbourMetrics) {
    this.base = baseUrl.replace(/\/+$/, '');
    const breaker = circuitBreaker(handleWhen((e) => !(e instanceof CallFailed) || e.retryable || e.message.startsWith('wrong answer')), {
      halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakAfter),
    });
    breaker.onStateChange((state) => metrics.breaker.set({ neighbour: name }, BREAKER_VALUE[state]));
    metrics.breaker.set({ neighbour: name }, 0);
    metrics.breakers.set(name, () => STATE_NAME[breaker.state]);
    const deadline = timeout(settings.timeoutMs, TimeoutStrategy.Aggressive);
    const again = retry(handleWhen((e) => e instanceof CallFailed && e.retryable), {
      maxAttempts: 1, backoff: new ExponentialBackoff({ initialDelay: 50, maxDelay: 200 }),
    });
    this.read = wrap(again, breaker, deadline);
    this.write = wrap(breaker, deadline);
  }

  /** GET a JSON answer; null when the service says 404 and `notFound` is 'null'. */
  get<T>(path: string, schema: z.ZodType<T>, notFound: 'null'): Promise<T | null>;
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
  get<T>(path: string, schema: z.ZodType<T>, notFound?: 'null'): Promise<T | null> {
    return this.call(this.read, 'GET', path, schema, undefined, notFound === 'null');
  }

  post<T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> {
    return this.call(this.write, 'POST', path, schema, body, false) as Promise<T>;
  }

  private async call<T>(policy: IPolicy, method: string, path: string, schema: z.ZodType<T>, body: unknown, nullOn404: boolean): Promise<T | null> {
    const request = currentRequest();
    if (request?.unavailable.has(this.name))
      throw new NeighbourUnavailableError(this.name, 'not called again: it already failed while answering this request');
    const started = process.hrtime.bigint();
    let outcome = 'ok';
    try {
      return await policy.execute(({ signal }) => this.once(method, path, schema, body, nullOn404, signal, request?.requestId));
    } catch (error) {
      outcome = error instanceof BrokenCircuitError ? 'breaker-open' : error instanceof TaskCancelledError ? 'timeout' : 'error';
      const reason = outcome === 'breaker-open' ? 'not called: the circuit breaker is open after repeated failures'
        : outcome === 'timeout' ? 'no answer in time' : (error as Error).message;
      request?.unavailable.add(this.name);
      throw new NeighbourUnavailableError(this.name, reason, { cause: error });
    } finally {
      this.metrics.calls.inc({ neighbour: this.name, outcome });
      this.metrics.duration.observe({ neighbour: this.name }, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  private async once<T>(
    method: string, path: string, schema: z.ZodType<T>, body: unknown, nullOn404: boolean, signal: AbortSignal, requestId: string | undefined,
  ): Promise<T | null> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method, signal,
        headers: { Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(requestId ? { 'X-Request-Id': requestId } : {}) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (signal.aborted) throw error;
      throw new CallFailed(`unreachable: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`, true);
    }
    if (response.status === 404 && nullOn404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new CallFailed(`HTTP ${response.status}`, response.status >= 500 || response.status === 429 || response.status === 408);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new CallFailed('wrong answer: not JSON', false);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new CallFailed(`wrong answer: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`, false);
    return parsed.data;
  }
}
