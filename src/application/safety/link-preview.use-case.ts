import { DEFAULT_TIME_ZONE } from '../../domain/index.js';
import type { LinkTarget } from '../ports/link-shortener.port.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';

/** What a link preview may show of a public screening (S1): nothing of where beyond the city, nothing of who. */
export type PublicPreview = {
  readonly kind: 'screening';
  readonly title: string;
  readonly film: string;
  readonly startsAt: Date;
  /** T1: the zone the start is shown in. */
  readonly timeZone: string;
  readonly city: string;
};

/** A friends-only screening's or a booking's link: that there is something, and nothing more. */
export type GenericPreview = { readonly kind: 'generic' };

/**
 * RULES §9 S1: a short link unfurled by a messenger (no token): a public screening shows its
 * title, film, start and city; a friends-only screening or a booking, a generic card.
 */
export class LinkPreview {
  constructor(private readonly reads: ReadStores) {}

  async of(target: LinkTarget): Promise<PublicPreview | GenericPreview> {
    if (target.kind !== 'announcement') return { kind: 'generic' };
    const announcement = await this.reads.announcements.byId(target.id);
    const s = announcement?.snapshot();
    if (!s || s.privacy !== 'public') return { kind: 'generic' };
    return { kind: 'screening', title: s.title, film: s.film.title, startsAt: s.startsAt, timeZone: s.place.timeZone ?? DEFAULT_TIME_ZONE, city: s.place.city };
  }
}
