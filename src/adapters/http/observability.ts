import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { requestContext } from '../request-context.js';

/** One registry per service (not prom-client's global one), with the process's own metrics on it. */
export const createMetricsRegistry = (): Registry => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
};

/** Request counts and latency per route template. */
export class HttpMetrics {
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(readonly registry: Registry) {
    this.requests = new Counter({
      name: 'http_requests_total', help: 'HTTP requests answered', labelNames: ['method', 'route', 'status'] as const, registers: [registry],
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5], registers: [registry],
    });
  }

  observe(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** One log line per request with a request id (taken from X-Request-Id when sane), and its metrics. */
export const observe = (logger: Logger, metrics: HttpMetrics): Middleware => async (ctx, next) => {
  const given = ctx.get('X-Request-Id');
  const requestId = REQUEST_ID.test(given) ? given : randomUUID();
  ctx.set('X-Request-Id', requestId);
  ctx.state.log = logger.child({ requestId });
  const started = process.hrtime.bigint();
  try {
    await requestContext.run(requestId, next);
  } finally {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = (ctx.state.route as string | undefined) ?? 'unmatched';
    metrics.observe(ctx.method, route, ctx.status, seconds);
    (ctx.state.log as Logger).info(
      { method: ctx.method, path: ctx.path, route, status: ctx.status, ms: Math.round(seconds * 1e4) / 10, userId: ctx.state.userId },
      'request',
    );
  }
};
