import { webcrypto } from 'node:crypto';
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
  /**
   * The secret imported once as a WebCrypto key: given raw bytes, jose imports them again on
   * every call, which was a tenth of a read's CPU.
   */
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(secret: string) {
    this.key = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  }

  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, await this.key, { algorithms: ['HS256'], requiredClaims: ['sub', 'exp'] });
      return userIdOf(payload.sub);
    } catch {
      return null;
    }
  }

  async issue(userId: string, ttlSeconds: number): Promise<string> {
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
      .sign(await this.key);
  }
}
