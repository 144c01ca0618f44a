import type { ShortLink } from '../../domain/index.js';

/**
 * The public links that `shortUrl` and notifications carry. `next()` only makes a link up;
 * the use case stores its code with the announcement or booking, in the same transaction.
 */
export interface LinkShortener {
  next(): Promise<ShortLink>;
}

export type LinkTarget = { readonly kind: 'announcement' | 'booking'; readonly id: string };

/** `GET /s/{code}` asks where a code leads: the announcement or booking stored with it. */
export interface ShortLinkTargets {
  targetOf(code: string): Promise<LinkTarget | null>;
}
