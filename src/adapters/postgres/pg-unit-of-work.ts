import { err, type Result } from 'neverthrow';
import type { Pool, PoolClient } from 'pg';
import type { DomainError } from '../../domain/index.js';
import type { ReadStores, Stores, UnitOfWork } from '../../application/index.js';
import { PgAnnouncementRepository } from './pg-announcement.repository.js';
import { PgBookingRepository } from './pg-booking.repository.js';
import { batchReads, beginBatched, endTransaction, isConnectionError, run, stopBatching, unavailable, type Queryable } from './pg-client.js';
import { PgCommitmentRepository } from './pg-commitment.repository.js';
import { cachedDetails, DetailCache, StampReader } from './pg-detail-cache.js';
import { PgDetailReader } from './pg-detail-reader.js';
import { constraintError } from './pg-constraints.js';
import { PgNotifications } from './pg-notifications.js';
import { PgRatingRepository } from './pg-rating.repository.js';
import type { RequestTransactions } from './pg-request-transaction.js';
import { PgInvites } from './pg-invites.js';
import { PgBlocks, PgReports } from './pg-safety.js';

const storesOn = (db: Queryable): Stores => ({
  announcements: new PgAnnouncementRepository(db),
  bookings: new PgBookingRepository(db),
  commitments: new PgCommitmentRepository(db),
  outbox: new PgNotifications(db),
  ratings: new PgRatingRepository(db),
  blocks: new PgBlocks(db),
  reports: new PgReports(db),
  invites: new PgInvites(db),
  details: new PgDetailReader(db),
});

/** Detail reads a process keeps unless told (DETAIL_CACHE_SIZE): up to ~9 kB each for a screening of 25 guests (DEPLOY.md). */
export const DETAIL_CACHE_SIZE = 2_000;

/** READ COMMITTED plus explicit row and advisory locks (see docs/ARCHITECTURE.md, "No oversell"). */
export class PgUnitOfWork implements UnitOfWork {
  /** Its detail reader keeps reads between requests (pg-detail-cache.ts), unless `detailCacheSize` is 0. */
  readonly reads: ReadStores;

  /** `stamps`: the pool's stamps reader, when a search cache shares it (postgres.storage.ts). */
  constructor(private readonly pool: Pool, private readonly requests?: RequestTransactions, options: { detailCacheSize?: number; stamps?: StampReader } = {}) {
    const stores = storesOn(pool);
    const size = options.detailCacheSize ?? DETAIL_CACHE_SIZE;
    const cache = size > 0 ? new DetailCache(pool, size, options.stamps ?? new StampReader(pool)) : undefined;
    this.reads = cache ? { ...stores, details: cachedDetails(cache, stores.details, () => requests?.held !== undefined) } : stores;
  }

  /** One pooled connection whose statements issued together go as one message, outside a transaction (Batch in pg-client.ts). */
  async readTogether<T>(work: (reads: ReadStores) => Promise<T>): Promise<T> {
    // Inside a request that holds its transaction open, reads go there (RequestTransactions).
    if (this.requests?.held) return work(this.reads);
    const client = await this.connect();
    let broken = false;
    try {
      batchReads(client);
      return await work(storesOn(client));
    } catch (error) {
      broken = isConnectionError(error);
      throw unavailable(error);
    } finally {
      stopBatching(client);
      client.release(broken);
    }
  }

  async transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>> {
    const held = this.requests?.held;
    if (held) return this.inSavepoint(held, work);
    const client = await this.connect();
    let broken = false;
    let keepOpen = false;
    try {
      // BEGIN, and then every write no one reads, go along with the statements after them (Batch in pg-client.ts).
      beginBatched(client);
      const result = await work(storesOn(client));
      if (result.isErr()) {
        await endTransaction(client, 'ROLLBACK');
        return result;
      }
      if (this.requests?.deferring) {
        const refused = await this.checkDeferred(client);
        if (refused) {
          await endTransaction(client, 'ROLLBACK');
          return err(refused);
        }
        // The request's answer is written in this transaction before it commits (RequestTransactions).
        stopBatching(client);
        this.requests.hold(client);
        keepOpen = true;
        return result;
      }
      await endTransaction(client, 'COMMIT');
      return result;
    } catch (error) {
      await endTransaction(client, 'ROLLBACK').catch(() => (broken = true));
      // A write sent along with a later statement or the commit speaks there: deferred
      // constraints (B2's seat check) and the keys of writes no one waited for.
      const rule = constraintError(error);
      if (rule) return err(rule);
      throw unavailable(error);
    } finally {
      stopBatching(client);
      if (!keepOpen) client.release(broken);
    }
  }

  /**
   * Deferred constraints (B2's seat check) speak only at commit; asked now, their refusal comes
   * back as the rule it stands for, and a transaction held open can no longer fail at commit.
   */
  private async checkDeferred(client: PoolClient): Promise<DomainError | null> {
    try {
      await run(client, 'SET CONSTRAINTS ALL IMMEDIATE');
      return null;
    } catch (error) {
      const rule = constraintError(error);
      if (rule) return rule;
      throw error;
    }
  }

  /** A connection from the pool; failing to get one means the database is unavailable. */
  private async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
  }

  /** A second unit of work in a request that holds its first one open: its own savepoint in the same transaction. */
  private async inSavepoint<T, E>(client: PoolClient, work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>> {
    try {
      await client.query('SAVEPOINT unit_of_work');
      const result = await work(storesOn(client));
      const refused = result.isOk() ? await this.checkDeferred(client) : null;
      await client.query(result.isErr() || refused ? 'ROLLBACK TO SAVEPOINT unit_of_work' : 'RELEASE SAVEPOINT unit_of_work');
      return refused ? err(refused) : result;
    } catch (error) {
      throw unavailable(error);
    }
  }
}
