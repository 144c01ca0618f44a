import {
  createLocalJWKSet, createRemoteJWKSet, customFetch, errors, jwksCache, jwtVerify,
  type ExportedJWKSCache, type FetchImplementation, type JWTVerifyGetKey,
} from 'jose';
import type { AccessTokens } from '../../application/index.js';
import type { NeighbourMetrics } from '../neighbours/neighbour-client.js';
import { currentRequestId } from '../request-context.js';
import { userIdOf } from './hs256-access-tokens.js';

export type JwksSettings = {
  readonly url: string;
  readonly issuer?: string;
  readonly audience?: string;
  readonly timeoutMs: number;
  /** How long fetched keys are used before the set is fetched again (jose's default: 10 minutes). */
  readonly cacheMaxAgeMs?: number;
  /** After a fetch, how long an unknown `kid` waits before it may fetch again (jose's default: 30 s). */
  readonly cooldownMs?: number;
};

/** Asymmetric algorithms only: a key from the set is never taken as an HMAC secret. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/**
 * RS256/ES256 tokens checked against the identity provider's key set (RULES §7), through jose's
 * remote key set: keys are fetched once and reused (for up to 10 minutes), and a token signed
 * with a `kid` not yet seen fetches the set again (at most every 30 s), which is how a key
 * rotation arrives. While the key set cannot be fetched, keys already fetched keep working; a
 * token with an unknown `kid` is refused (401), like any token that cannot be checked.
 */
export class JwksAccessTokens implements AccessTokens {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly settings: JwksSettings, metrics: NeighbourMetrics) {
    const lastGood: Partial<ExportedJWKSCache> = {};
    const remote = createRemoteJWKSet(new URL(settings.url), {
      timeoutDuration: settings.timeoutMs,
      ...(settings.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: settings.cacheMaxAgeMs }),
      ...(settings.cooldownMs === undefined ? {} : { cooldownDuration: settings.cooldownMs }),
      [jwksCache]: lastGood as ExportedJWKSCache,
      [customFetch]: measured(metrics),
    });
    this.keys = async (header, token) => {
      try {
        return await remote(header, token);
      } catch (error) {
        // The set was fetched and has no such key: refused. Otherwise the set could not be fetched.
        if (error instanceof errors.JWKSNoMatchingKey || !lastGood.jwks) throw error;
        return createLocalJWKSet(lastGood.jwks)(header, token);
      }
    };
  }

  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        algorithms: [...JWKS_ALGORITHMS], requiredClaims: ['sub', 'exp'],
        ...(this.settings.issuer ? { issuer: this.settings.issuer } : {}),
        ...(this.settings.audience ? { audience: this.settings.audience } : {}),
      });
      return userIdOf(payload.sub);
    } catch {
      return null;
    }
  }
}

/** jose's fetch with the request id passed on and the call counted like any neighbour's. */
const measured = (metrics: NeighbourMetrics): FetchImplementation => async (url, options) => {
  const requestId = currentRequestId();
  if (requestId) options.headers.set('X-Request-Id', requestId);
  const started = process.hrtime.bigint();
  let outcome = 'error';
  try {
    const response = await fetch(url, options);
    if (response.ok) outcome = 'ok';
    return response;
  } catch (error) {
    if (options.signal.aborted) outcome = 'timeout';
    throw error;
  } finally {
    metrics.calls.inc({ neighbour: 'jwks', outcome });
    metrics.duration.observe({ neighbour: 'jwks' }, Number(process.hrtime.bigint() - started) / 1e9);
  }
};
