import { randomBytes } from 'node:crypto';
import type { LinkShortener, ShortLinkTargets } from '../../application/index.js';

/** Where the embedded shortener keeps its codes: a memory map or a PostgreSQL table. */
export interface ShortLinkTable {
  /** false when the code is taken already. */
  insert(code: string, url: string): Promise<boolean>;
  find(code: string): Promise<string | null>;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const CODE_LENGTH = 8;

const newCode = (): string => [...randomBytes(CODE_LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');

/**
 * SPEC §7's embedded short links: `{PUBLIC_BASE_URL}/s/{code}` → the full API URL.
 * 62^8 codes make a collision rare; a taken code is simply drawn again.
 */
export class EmbeddedLinkShortener implements LinkShortener, ShortLinkTargets {
  constructor(
    private readonly publicBaseUrl: string,
    private readonly table: ShortLinkTable,
  ) {}

  forAnnouncement(announcementId: string): Promise<string> {
    return this.shorten(`${this.publicBaseUrl}/api/v1/announcements/${announcementId}`);
  }

  forBooking(bookingId: string): Promise<string> {
    return this.shorten(`${this.publicBaseUrl}/api/v1/bookings/${bookingId}`);
  }

  targetOf(code: string): Promise<string | null> {
    return this.table.find(code);
  }

  private async shorten(url: string): Promise<string> {
    for (;;) {
      const code = newCode();
      if (await this.table.insert(code, url)) return `${this.publicBaseUrl}/s/${code}`;
    }
  }
}
