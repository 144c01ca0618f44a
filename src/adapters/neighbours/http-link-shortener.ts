import { z } from 'zod';
import type { ShortLink } from '../../domain/index.js';
import { NeighbourUnavailableError, type LinkShortener } from '../../application/index.js';
import type { EmbeddedLinkShortener } from '../links/embedded-link-shortener.js';
import type { NeighbourClient } from './neighbour-client.js';

/** Only web links: a `javascript:` or `data:` URL from a hostile shortener would ride every notification and e-mail. */
const Shortened = z.object({ shortUrl: z.url({ protocol: /^https?$/ }).max(2048) });

/**
 * RULES §7's short links over HTTP: the service's own link (`{PUBLIC_BASE_URL}/s/{code}`, kept
 * with the screening or booking, so `GET /s/{code}` always resolves) is shortened by
 * `POST {SHORTENER_URL}/links`. A create never fails because of the shortener: when it cannot
 * answer in time, the screening or booking carries the built-in link instead.
 */
export class HttpLinkShortener implements LinkShortener {
  constructor(private readonly client: NeighbourClient, private readonly own: EmbeddedLinkShortener) {}

  async next(): Promise<ShortLink> {
    const link = await this.own.next();
    try {
      const { shortUrl } = await this.client.post('/links', { url: link.url }, Shortened);
      return { code: link.code, url: shortUrl };
    } catch (error) {
      if (error instanceof NeighbourUnavailableError) return link;
      throw error;
    }
  }
}
