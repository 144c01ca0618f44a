import { decodeProtectedHeader } from 'jose';
import type { AccessTokens } from '../../application/index.js';
import { JWKS_ALGORITHMS } from './jwks-access-tokens.js';

/**
 * Both kinds of token at once (RULES §7): the header's `alg` picks the verifier, and each
 * verifier accepts only its own algorithms, so an HS256 token is checked with the shared
 * secret only and never with a public key taken as an HMAC secret; a kind not configured is 401.
 */
export class AccessTokensByAlgorithm implements AccessTokens {
  constructor(private readonly verifiers: { readonly hs256?: AccessTokens; readonly jwks?: AccessTokens }) {}

  async verify(token: string): Promise<string | null> {
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      return null;
    }
    const verifier = alg === 'HS256' ? this.verifiers.hs256
      : (JWKS_ALGORITHMS as readonly unknown[]).includes(alg) ? this.verifiers.jwks : undefined;
    return verifier ? verifier.verify(token) : null;
  }
}
