import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { InviteTokens } from '../../application/index.js';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * I1's tokens: the link's id (16 bytes) and an HMAC-SHA256 of it under the service's secret (16
 * bytes), base64url — 256 bits, of which 128 nobody can guess without the secret. The database
 * keeps the token's SHA-256 only; the host's list derives each token again from its id.
 */
export class HmacInviteTokens implements InviteTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    // A key of its own, so an invite token is never a MAC an access token's key also makes.
    this.key = createHmac('sha256', secret).update('watch-together invite links').digest();
  }

  tokenOf(linkId: string): string {
    const id = Buffer.from(linkId.replaceAll('-', ''), 'hex');
    return Buffer.concat([id, this.mac(id)]).toString('base64url');
  }

  hashOf(token: string): string | null {
    if (!TOKEN.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    if (raw.length !== 32 || !timingSafeEqual(raw.subarray(16), this.mac(raw.subarray(0, 16)))) return null;
    return createHash('sha256').update(token).digest('hex');
  }

  private mac(id: Buffer): Buffer {
    return createHmac('sha256', this.key).update(id).digest().subarray(0, 16);
  }
}
