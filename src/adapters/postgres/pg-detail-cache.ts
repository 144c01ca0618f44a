import { AsyncResource } from 'node:async_hooks';
import type { DetailRead, DetailReader } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { detailOf, detailRow, type DetailRow } from './pg-detail-reader.js';

/**
 * Where each asked screening and the rare writes stand (the migrations detail-stamps and
 * search-stamps), asked by kept detail reads and kept search pages (StampReader).
 */
export const STAMPS = `SELECT (SELECT e.epoch::text FROM detail_epoch e) AS epoch,
  (SELECT json_object_agg(a.id, a.detail_stamp::text) FROM announcements a WHERE a.id = ANY($1::uuid[])) AS stamps`;

/** The epoch, and the stamp of each asked screening that exists (keys in lower case, as PostgreSQL writes a uuid). */
export type Stamps = { readonly epoch: string; readonly stamps: Readonly<Record<string, string>> | null };

/** Everything in a cached row is shared by the reads it answers: frozen, so a change to it fails loudly instead of leaking into another read. */
export const frozen = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
};

/** At most `capacity` values; beyond it, the least recently kept or used goes (a Map's order is its insertion order). */
export class Lru<V> {
  private readonly values = new Map<string, V>();
  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.values.get(key);
  }

  keep(key: string, value: V): void {
    this.values.delete(key);
    this.values.set(key, value);
    if (this.values.size > this.capacity) this.values.delete(this.values.keys().next().value as string);
  }

  /** A value read and found current becomes the most recently used, unless a newer one replaced it meanwhile. */
  used(key: string, value: V): void {
    if (this.values.get(key) === value) this.keep(key, value);
  }
}

/**
 * STAMPS for every read that asks in the same turn of the event loop, in one statement: under
 * load most kept reads cost a share of one small round trip. Sent outside any request's context,
 * so the stamps go to the pool, never into a transaction a request holds.
 */
export class StampReader {
  /** The screenings whose stamps the reads of this turn wait for, and those reads. */
  private asking: { ids: Set<string>; waiting: Array<{ resolve(stamps: Stamps): void; reject(error: unknown): void }> } | undefined;
  private readonly flush = AsyncResource.bind(() => void this.askNow());

  constructor(private readonly db: Queryable) {}

  of(announcementIds: readonly string[]): Promise<Stamps> {
    if (!this.asking) {
      this.asking = { ids: new Set(), waiting: [] };
      setImmediate(this.flush);
    }
    const asking = this.asking;
    for (const id of announcementIds) asking.ids.add(id);
    return new Promise((resolve, reject) => asking.waiting.push({ resolve, reject }));
  }

  private async askNow(): Promise<void> {
    const { ids, waiting } = this.asking!;
    this.asking = undefined;
    try {
      const [now] = await rows<Stamps>(this.db, STAMPS, [[...ids]]);
      for (const read of waiting) read.resolve(now!);
    } catch (error) {
      for (const read of waiting) read.reject(error);
    }
  }
}

/**
 * Detail reads (RULES §6) answered from this process's memory when the database says nothing
 * they show has changed since. A read keeps DETAIL's row with the stamps it was read with — its
 * screening's `detail_stamp` and the `detail_epoch` of blocks, invitations, links, ratings and
 * screenings written other than by a seat (the migrations detail-stamps and search-stamps), all
 * set in the writing transaction itself — and the next read by the same viewer asks only for the
 * current stamps (StampReader): equal, the row is current and is read from memory; else the
 * detail is read again.
 *
 * Every process sees every other's writes at once (the stamps are read on each detail read), so
 * a write is never hidden: read-your-writes holds on any process. Only what the viewer may see is
 * decided afresh for each read (the rules run on the rebuilt read, as on a miss).
 */
export class DetailCache {
  private readonly kept: Lru<DetailRow>;

  /** `stamps`: on the same server as `db`; one per pool, shared with the search cache (pg-search-cache.ts). */
  constructor(private readonly db: Queryable, capacity: number, private readonly stamps = new StampReader(db)) {
    this.kept = new Lru(capacity);
  }

  async of(announcementId: string, viewerId: string): Promise<DetailRead> {
    const key = `${announcementId} ${viewerId}`;
    const kept = this.kept.get(key);
    if (kept) {
      const now = await this.stamps.of([announcementId]);
      if (now.epoch === kept.detail_epoch && now.stamps?.[announcementId.toLowerCase()] === kept.detail_stamp) {
        this.kept.used(key, kept);
        return detailOf(kept);
      }
    }
    const row = await detailRow(this.db, announcementId, viewerId);
    if (row) this.kept.keep(key, frozen(row));
    return detailOf(row);
  }
}

/** The detail reader on the pool: from the cache, except inside a transaction a request holds (`held`), whose reads must see its write. */
export const cachedDetails = (cache: DetailCache, direct: DetailReader, held: () => boolean): DetailReader => ({
  of: (announcementId, viewerId) => (held() ? direct.of(announcementId, viewerId) : cache.of(announcementId, viewerId)),
});
