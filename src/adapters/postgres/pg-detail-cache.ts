import { AsyncResource } from 'node:async_hooks';
import type { DetailRead, DetailReader } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { detailOf, detailRow, type DetailRow } from './pg-detail-reader.js';

/**
 * Where each asked screening and the rare writes stand (the migration detail-stamps): one
 * statement for every detail read that asks in the same turn of the event loop.
 */
export const STAMPS = `SELECT (SELECT e.epoch::text FROM detail_epoch e) AS epoch,
  (SELECT json_object_agg(a.id, a.detail_stamp::text) FROM announcements a WHERE a.id = ANY($1::uuid[])) AS stamps`;

type Stamps = { epoch: string; stamps: Record<string, string> | null };

/** Everything in a cached row is shared by the reads it answers: frozen, so a change to it fails loudly instead of leaking into another read. */
const frozen = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
};

/**
 * Detail reads (RULES §6) answered from this process's memory when the database says nothing
 * they show has changed since. A read keeps DETAIL's row with the stamps it was read with — its
 * screening's `detail_stamp` and the `detail_epoch` of blocks, invitations, links and ratings,
 * both set in the writing transaction itself — and the next read by the same viewer asks only
 * for the current stamps: equal, the row is current and is read from memory; else the detail is
 * read again. The stamps of all reads waiting at the same moment come in one statement, so under
 * load most reads cost a share of one small round trip instead of the detail's statement.
 *
 * Every process sees every other's writes at once (the stamps are read on each detail read), so
 * a write is never hidden: read-your-writes holds on any process. Only what the viewer may see is
 * decided afresh for each read (the rules run on the rebuilt read, as on a miss).
 */
export class DetailCache {
  private readonly kept = new Map<string, DetailRow>();
  /** The screenings whose stamps the reads of this turn wait for, and those reads. */
  private asking: { ids: Set<string>; waiting: Array<{ resolve(stamps: Stamps): void; reject(error: unknown): void }> } | undefined;
  /** Outside any request's context: the stamps go to the pool, never into a transaction a request holds. */
  private readonly flush = AsyncResource.bind(() => void this.askNow());

  constructor(private readonly db: Queryable, private readonly capacity: number) {}

  async of(announcementId: string, viewerId: string): Promise<DetailRead> {
    const key = `${announcementId} ${viewerId}`;
    const kept = this.kept.get(key);
    if (kept) {
      const now = await this.stampsOf(announcementId);
      if (now.epoch === kept.detail_epoch && now.stamps?.[announcementId.toLowerCase()] === kept.detail_stamp) {
        if (this.kept.get(key) === kept) this.keep(key, kept); // now the most recently used, unless a newer read replaced it meanwhile
        return detailOf(kept);
      }
    }
    const row = await detailRow(this.db, announcementId, viewerId);
    if (row) this.keep(key, frozen(row));
    return detailOf(row);
  }

  /** Last in the map's order is the most recently used; beyond `capacity`, the least recently used goes. */
  private keep(key: string, row: DetailRow): void {
    this.kept.delete(key);
    this.kept.set(key, row);
    if (this.kept.size > this.capacity) this.kept.delete(this.kept.keys().next().value as string);
  }

  private stampsOf(announcementId: string): Promise<Stamps> {
    if (!this.asking) {
      this.asking = { ids: new Set(), waiting: [] };
      setImmediate(this.flush);
    }
    const asking = this.asking;
    asking.ids.add(announcementId);
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

/** The detail reader on the pool: from the cache, except inside a transaction a request holds (`held`), whose reads must see its write. */
export const cachedDetails = (cache: DetailCache, direct: DetailReader, held: () => boolean): DetailReader => ({
  of: (announcementId, viewerId) => (held() ? direct.of(announcementId, viewerId) : cache.of(announcementId, viewerId)),
});
