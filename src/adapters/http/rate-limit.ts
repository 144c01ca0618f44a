import type { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

/** One quota: `points` requests per window of `windowSeconds`; 0 points means no limit. */
export type Quota = { readonly points: number; readonly windowSeconds: number };

export type RateLimitSettings = {
  /** Writes per user (every non-GET operation). */
  readonly writes: Quota;
  /** Requests per client address to operations that need no token (calendar feeds, links, previews). */
  readonly anonymous: Quota;
};

export type Verdict = { readonly allowed: boolean; readonly headers: Readonly<Record<string, string>> };

export type RateLimiter = { readonly quota: Quota; take(key: string): Promise<Verdict> };

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): the policy, and what
 * is left of it with the seconds until it refills; `Retry-After` when nothing is left.
 */
const verdict = (name: string, quota: Quota, res: RateLimiterRes, allowed: boolean): Verdict => {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return {
    allowed,
    headers: {
      'RateLimit-Policy': `"${name}";q=${quota.points};w=${quota.windowSeconds}`,
      RateLimit: `"${name}";r=${res.remainingPoints};t=${seconds}`,
      ...(allowed ? {} : { 'Retry-After': String(seconds) }),
    },
  };
};

/**
 * rate-limiter-flexible, in this process's memory (the embedded database and memory storage
 * belong to one process) or in PostgreSQL (`rate_limits`, made by a migration), where every API
 * process on that database counts against the same quota. Should the database fail to answer,
 * the count goes on in memory rather than turning requests away.
 */
export const rateLimiter = (name: string, quota: Quota, pool?: Pool): RateLimiter | null => {
  if (quota.points <= 0) return null;
  const options = { keyPrefix: name, points: quota.points, duration: quota.windowSeconds };
  const limiter: RateLimiterAbstract = pool
    ? new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true, insuranceLimiter: new RateLimiterMemory(options) })
    : new RateLimiterMemory(options);
  return {
    quota,
    async take(key) {
      try {
        return verdict(name, quota, await limiter.consume(key), true);
      } catch (refused) {
        if (refused instanceof RateLimiterRes) return verdict(name, quota, refused, false);
        throw refused;
      }
    },
  };
};
