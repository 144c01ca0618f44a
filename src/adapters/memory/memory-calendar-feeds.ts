import type { CalendarFeeds } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

/** 32 bytes from the platform's cryptographic source, base64url: unguessable, and safe in a URL path. */
export const newFeedSecret = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
};

/** Nothing outlives the process here, so the secrets are kept as they are. */
export class MemoryCalendarFeeds implements CalendarFeeds {
  constructor(private readonly db: MemoryDatabase) {}

  async issue(userId: string): Promise<string> {
    const secret = newFeedSecret();
    const previous = this.db.feedSecrets.get(userId);
    if (previous !== undefined) this.db.delete(this.db.feedOwners, previous);
    this.db.write(this.db.feedSecrets, userId, secret);
    this.db.write(this.db.feedOwners, secret, userId);
    return secret;
  }

  async ownerOf(secret: string): Promise<string | null> {
    return this.db.feedOwners.get(secret) ?? null;
  }
}
