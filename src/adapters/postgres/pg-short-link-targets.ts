import type { LinkTarget, ShortLinkTargets } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';

export class PgShortLinkTargets implements ShortLinkTargets {
  constructor(private readonly db: Queryable) {}

  /** Both lookups use the unique index on the code. */
  async targetOf(code: string): Promise<LinkTarget | null> {
    const [row] = await rows<LinkTarget>(this.db, `
      SELECT 'announcement' AS kind, id FROM announcements WHERE short_code = $1
      UNION ALL SELECT 'booking', id FROM bookings WHERE short_code = $1 LIMIT 1`, [code]);
    return row ?? null;
  }
}
