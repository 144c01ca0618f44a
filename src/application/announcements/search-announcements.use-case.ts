import { err, ok, type Result } from 'neverthrow';
import { roundCoordinate } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { AnnouncementSearch, SearchCriteria } from '../ports/announcement-search.port.js';
import type { Clock } from '../ports/clock.port.js';
import { pageOf, type Page } from '../ports/page.js';
import type { People } from '../shared/people.js';
import { listItem, type AnnouncementListItem } from '../shared/views.js';
import { parseSearchCursor } from './search-key.js';

export type SearchQuery = Omit<SearchCriteria, 'viewerId' | 'friendHostIds' | 'after' | 'now'> & { readonly cursor?: string };

export class SearchAnnouncements {
  constructor(
    private readonly search: AnnouncementSearch,
    private readonly people: People,
    private readonly clock: Clock,
  ) {}

  async execute(viewerId: string, query: SearchQuery): Promise<Result<Page<AnnouncementListItem>, ApplicationError>> {
    const { cursor, ...filters } = query;
    const after = cursor === undefined ? undefined : parseSearchCursor(cursor, query.sort);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const upcoming = filters.status === 'open' || filters.status === 'closed';
    const now = this.clock.now();
    const from = filters.from ?? (upcoming ? now : undefined);
    const friends = await this.people.friendsOf(viewerId);
    const near = filters.near && { ...filters.near, lat: roundCoordinate(filters.near.lat), lon: roundCoordinate(filters.near.lon) };
    const hits = await this.search.search({
      ...filters, near, from, now, viewerId, friendHostIds: [viewerId, ...friends], limit: query.limit + 1, after,
    });
    const shown = hits.slice(0, query.limit);
    // The hosts' ratings came with the hits; only their names are asked for.
    const facts = { names: await this.people.names(shown.map((h) => h.announcement.hostId)), ratings: new Map(shown.map((h) => [h.announcement.hostId, h.hostRating])) };
    return ok(pageOf(hits, query.limit, (h) => listItem(h.announcement, facts, viewerId, h.viewerBooking), (h) => h.key));
  }
}
