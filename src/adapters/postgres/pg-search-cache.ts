import type { AnnouncementSearch, SearchCriteria, SearchHit } from '../../application/index.js';
import { frozen, Lru, type StampReader } from './pg-detail-cache.js';

/** A hit with its screening's `detail_stamp` as the search read it. */
export type StampedHit = SearchHit & { readonly stamp: string };

/** A search whose hits carry their stamps (PgAnnouncementSearch). */
export interface StampedSearch {
  search(c: SearchCriteria): Promise<StampedHit[]>;
}

/** Search pages a process keeps unless told (SEARCH_CACHE_SIZE): ~42 kB each for a page of 20 (DEPLOY.md). */
export const SEARCH_CACHE_SIZE = 500;

/**
 * What a page is kept under: the criteria, the viewer and the friends they were asked with
 * included, but not the moment — a start defaulted to now (`from` equal to `now`) is kept as
 * "now", so the same search asked a second later finds it (`until` says how long that holds).
 */
export const searchKey = (c: SearchCriteria): string =>
  JSON.stringify({ ...c, now: undefined, from: c.from !== undefined && c.from.getTime() === c.now.getTime() ? 'now' : c.from });

type KeptPage = { readonly epoch: string; readonly hits: readonly StampedHit[]; readonly until: number };

/**
 * The first moment the page may change by time alone: the earliest start among its hits still to
 * come. Time only ever takes screenings out of a search — a start passes `from` when it defaults
 * to now, an invitation by link lapses at the start — never puts one in; so while none of the hits
 * has started, the first `limit` screenings of what still matches are the same hits.
 */
const untilOf = (hits: readonly StampedHit[], now: Date): number =>
  hits.reduce((until, h) => {
    const start = h.announcement.startsAt.getTime();
    return start > now.getTime() && start < until ? start : until;
  }, Infinity);

/**
 * Search pages (RULES §6) answered from this process's memory while the database says nothing
 * could have changed them, checked the way kept detail reads are (pg-detail-cache.ts) and in the
 * same small statement (StampReader). What a page is made of changes in two ways:
 *   - a hit changes (its seats, the viewer's booking on it, anything of it): its `detail_stamp`
 *     moves, and the hits' stamps are asked for each read;
 *   - another screening comes in, or the viewer's blocks, invitations or the hosts' ratings
 *     change: `detail_epoch` moves — every screening written other than by its seat count, or
 *     a seat freed on a full one (migration search-stamps), and every block, invitation, link and
 *     rating (migration detail-stamps). A booking that takes a seat only ever takes a screening
 *     out (`hasSeats`), which the epoch need not tell: a screening already on the page has its
 *     stamp checked, one beyond it does not change the page.
 * The epoch is read before the search (with the stamps, or alone for a page not kept yet), so a
 * write that lands between the two makes the next read miss, never serves a stale page; and time
 * ends a kept page at its first hit's start (`untilOf`). Every process sees every write on its
 * next read (read-your-writes holds on any process); the views and what each viewer may see of a
 * hit are made afresh from the kept hits on each read, as after a search.
 */
export class SearchCache implements AnnouncementSearch {
  private readonly kept: Lru<KeptPage>;

  constructor(
    private readonly uncached: StampedSearch,
    /** On the server the search reads; one per pool, shared with the detail cache. */
    private readonly stamps: StampReader,
    capacity: number,
    /** Inside a transaction a request holds, whose reads must see its own writes: the search itself. */
    private readonly held: () => boolean = () => false,
  ) {
    this.kept = new Lru(capacity);
  }

  async search(c: SearchCriteria): Promise<SearchHit[]> {
    if (this.held()) return this.uncached.search(c);
    const key = searchKey(c);
    const kept = this.kept.get(key);
    const now = await this.stamps.of(kept?.hits.map((h) => h.announcement.id) ?? []);
    if (kept && c.now.getTime() < kept.until && kept.epoch === now.epoch && kept.hits.every((h) => now.stamps?.[h.announcement.id] === h.stamp)) {
      this.kept.used(key, kept);
      return [...kept.hits];
    }
    const hits = await this.uncached.search(c);
    this.kept.keep(key, frozen({ epoch: now.epoch, hits, until: untilOf(hits, c.now) }));
    return [...hits];
  }
}
