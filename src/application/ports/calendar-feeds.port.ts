/**
 * Secret calendar subscription URLs (RULES §6): calendar apps send no token, so the URL is the
 * credential. One live secret per user; the adapter draws it from a cryptographic source and
 * stores only its hash.
 */
export interface CalendarFeeds {
  /** A new secret for the user's feed: the previous one stops working at once. */
  issue(userId: string, now: Date): Promise<string>;
  /** Whose feed the secret opens, or null for an unknown or revoked one. */
  ownerOf(secret: string): Promise<string | null>;
}
