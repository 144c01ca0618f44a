import type { ShortLinkTable } from '../links/embedded-link-shortener.js';
import { rows, type Queryable } from './pg-client.js';

export class PgShortLinkTable implements ShortLinkTable {
  constructor(private readonly db: Queryable) {}

  async insert(code: string, url: string): Promise<boolean> {
    const inserted = await rows(this.db, 'INSERT INTO short_links (code, url) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING RETURNING 1', [code, url]);
    return inserted.length === 1;
  }

  async find(code: string): Promise<string | null> {
    const [row] = await rows<{ url: string }>(this.db, 'SELECT url FROM short_links WHERE code = $1', [code]);
    return row?.url ?? null;
  }
}
