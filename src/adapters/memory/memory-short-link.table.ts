import type { ShortLinkTable } from '../links/embedded-link-shortener.js';
import type { MemoryDatabase } from './memory-database.js';

export class MemoryShortLinkTable implements ShortLinkTable {
  constructor(private readonly db: MemoryDatabase) {}

  async insert(code: string, url: string): Promise<boolean> {
    if (this.db.shortLinks.has(code)) return false;
    this.db.shortLinks.set(code, url);
    return true;
  }

  async find(code: string): Promise<string | null> {
    return this.db.shortLinks.get(code) ?? null;
  }
}
