import { createHash, randomBytes } from 'node:crypto';
import type { CalendarFeeds } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';

/** Only the SHA-256 of a secret is stored: a copy of the database opens no one's feed. */
const hashOf = (secret: string): string => createHash('sha256').update(secret).digest('hex');

export class PgCalendarFeeds implements CalendarFeeds {
  constructor(private readonly db: Queryable) {}

  async issue(userId: string, now: Date): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await run(this.db, `INSERT INTO calendar_feeds (user_id, secret_hash, created_at) VALUES ($1, $2, $3)
      ON CONFLICT (user_id) DO UPDATE SET secret_hash = excluded.secret_hash, created_at = excluded.created_at`, [userId, hashOf(secret), now]);
    return secret;
  }

  async ownerOf(secret: string): Promise<string | null> {
    const [row] = await rows<{ user_id: string }>(this.db, 'SELECT user_id FROM calendar_feeds WHERE secret_hash = $1', [hashOf(secret)]);
    return row?.user_id ?? null;
  }
}
