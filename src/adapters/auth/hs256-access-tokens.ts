import { createHmac, timingSafeEqual, webcrypto } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import type { AccessTokens } from '../../application/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user a verified token speaks for: its `sub`, when that is a user id. */
export const userIdOf = (sub: unknown): string | null => (typeof sub === 'string' && UUID.test(sub) ? sub.toLowerCase() : null);

/** A JWS compact serialisation's three base64url parts; an HS256 signature is 32 bytes, 43 characters. */
const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

/**
 * HS256 tokens signed with a shared secret (RULES §7). Only HS256 is accepted, so `alg: none`
 * and algorithm-confusion tokens fail; `exp` is required so that a leaked token ages out.
 *
 * Verification runs on every request, so its HMAC is node:crypto's, synchronous, on the secret's
 * bytes: WebCrypto's HMAC (what jose's jwtVerify uses) goes through a job queue and a promise
 * per call, 5–9 % of a request's CPU in the hot-path profiles. jose still decodes the header and
 * the claims (`decodeProtectedHeader`, `decodeJwt`); the checks jwtVerify made are made here:
 * the signature in constant time, `alg` HS256 and no `crit`, `exp` required and in the future,
 * `nbf` if present not in the future, `iat` if present a number, `sub` a user id.
 */
export class Hs256AccessTokens implements AccessTokens {
  private readonly secret: Buffer;
  /** For signing only (tests, the demo): imported once, as jose's SignJWT wants a CryptoKey. */
  private signingKey: Promise<webcrypto.CryptoKey> | undefined;

  constructor(secret: string) {
    this.secret = Buffer.from(secret, 'utf8');
  }

  async verify(token: string): Promise<string | null> {
    return this.verifySync(token);
  }

  private verifySync(token: string): string | null {
    const parts = COMPACT.exec(token);
    if (!parts) return null;
    try {
      const header = decodeProtectedHeader(token);
      if (header.alg !== 'HS256' || header.crit !== undefined || header.b64 !== undefined) return null;
      const expected = createHmac('sha256', this.secret).update(`${parts[1]}.${parts[2]}`).digest();
      // Compared as text, so that only the one canonical encoding of the signature passes.
      if (!timingSafeEqual(Buffer.from(parts[3]!), Buffer.from(expected.toString('base64url')))) return null;
      const claims = decodeJwt(token);
      const now = Math.floor(Date.now() / 1000);
      if (typeof claims.exp !== 'number' || claims.exp <= now) return null;
      if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return null;
      if (claims.iat !== undefined && typeof claims.iat !== 'number') return null;
      return userIdOf(claims.sub);
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
      .sign(await (this.signingKey ??= webcrypto.subtle.importKey('raw', this.secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])));
  }
}
