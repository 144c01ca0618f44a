import { randomInt } from 'node:crypto';
import type { ShortLink } from '../../domain/index.js';
import type { LinkShortener } from '../../application/index.js';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/**
 * 62^12 ≈ 3·10^21 codes: with a billion links stored, a new code collides with probability
 * 3·10^-13, so the unique index behind the codes never has to speak.
 */
export const SHORT_CODE_LENGTH = 12;

/** SPEC §7's embedded short links: `{PUBLIC_BASE_URL}/s/{code}`, resolved by `GET /s/{code}`. */
export class EmbeddedLinkShortener implements LinkShortener {
  constructor(private readonly publicBaseUrl: string) {}

  async next(): Promise<ShortLink> {
    const code = Array.from({ length: SHORT_CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return { code, url: `${this.publicBaseUrl}/s/${code}` };
  }
}
