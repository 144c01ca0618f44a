import type { ShortLink } from '../../domain/index.js';
import type { LinkShortener } from '../../application/index.js';
import { randomPool } from '../system/random-pool.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * 62^12 ≈ 3·10^21 codes: with a billion links stored, a new code collides with probability
 * 3·10^-13, so the unique index behind the codes never has to speak.
 */
export const SHORT_CODE_LENGTH = 12;

/**
 * Uniform over the alphabet: bytes at or above the largest multiple of 62 are drawn again
 * (Web Crypto, pooled: randomPool, so this runs in a browser as well as in Node).
 */
const randomCode = (): string => {
  let code = '';
  while (code.length < SHORT_CODE_LENGTH) {
    for (const byte of randomPool.take(SHORT_CODE_LENGTH * 2)) if (byte < 248 && code.length < SHORT_CODE_LENGTH) code += ALPHABET[byte % 62]!;
  }
  return code;
};

/** RULES §7's embedded short links: `{PUBLIC_BASE_URL}/s/{code}`, resolved by `GET /s/{code}`. */
export class EmbeddedLinkShortener implements LinkShortener {
  constructor(private readonly publicBaseUrl: string) {}

  async next(): Promise<ShortLink> {
    const code = randomCode();
    return { code, url: `${this.publicBaseUrl}/s/${code}` };
  }
}
