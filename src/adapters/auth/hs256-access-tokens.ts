import { jwtVerify, SignJWT } from 'jose';
import type { AccessTokens } from '../../application/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user a verified token speaks for: its `sub`, when that is a user id. */
export const userIdOf = (sub: unknown): string | null => (typeof sub === 'string' && UUID.test(sub) ? sub.toLowerCase() : null);

/**
 * HS256 tokens signed with a shared secret (RULES §7). Only HS256 is accepted, so `alg: none`
 * and algorithm-confusion tokens fail; `exp` is required so that a leaked token ages out.
 */
export class Hs256AccessTokens implements AccessTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      return userIdOf(payload.sub);
    } catch {
      return null;
    }
  }

  issue(userId: string, ttlSeconds: number): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(this.key);
  }
}
