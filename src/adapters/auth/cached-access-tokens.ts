import { decodeJwt } from 'jose';
import type { AccessTokens } from '../../application/index.js';

type Verified = { readonly userId: string; readonly until: number };

/**
 * Remembers tokens that verified, so a client's next requests with the same token skip the
 * signature check and the claims' decoding (HS256 or a JWKS key): a map lookup instead. An entry
 * lives until the token's `exp` and at most `recheckMs`, so a key dropped from the JWKS is noticed
 * as soon as the verifier itself would; a token that failed is never remembered (it may become
 * valid at its `nbf`, and refusing stays the verifier's word). At most `size` tokens, the oldest
 * forgotten first.
 */
export class CachedAccessTokens implements AccessTokens {
  private readonly verified = new Map<string, Verified>();

  constructor(private readonly verifier: AccessTokens, private readonly options = { size: 10_000, recheckMs: 60_000 }) {}

  async verify(token: string): Promise<string | null> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.userId;
    if (known) this.verified.delete(token);
    const userId = await this.verifier.verify(token);
    if (userId === null) return null;
    const { exp } = decodeJwt(token);
    this.verified.set(token, { userId, until: Math.min(typeof exp === 'number' ? exp * 1000 : now, now + this.options.recheckMs) });
    if (this.verified.size > this.options.size) this.verified.delete(this.verified.keys().next().value!);
    return userId;
  }
}
