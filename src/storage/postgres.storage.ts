import pg from 'pg';
import type { Logger } from 'pino';
import { GENERIC_PLANS, NO_JIT, PgAnnouncementSearch } from '../adapters/postgres/pg-announcement-search.js';
import { PgBookingQueries } from '../adapters/postgres/pg-booking-queries.js';
import { PgCalendarFeeds } from '../adapters/postgres/pg-calendar-feeds.js';
import { PgIdempotencyStore } from '../adapters/postgres/pg-idempotency.store.js';
import { PgNotifications } from '../adapters/postgres/pg-notifications.js';
import { PgOutboxDelivery } from '../adapters/postgres/pg-outbox-delivery.js';
import { PgRatingReader } from '../adapters/postgres/pg-rating-reader.js';
import { PgReminderQueries } from '../adapters/postgres/pg-reminder-queries.js';
import { PgShortLinkTargets } from '../adapters/postgres/pg-short-link-targets.js';
import { PgUnitOfWork } from '../adapters/postgres/pg-unit-of-work.js';
import { SEARCH_CACHE_SIZE, SearchCache } from '../adapters/postgres/pg-search-cache.js';
import { StampReader } from '../adapters/postgres/pg-detail-cache.js';
import type { AnnouncementSearch } from '../application/index.js';
import { RequestTransactions } from '../adapters/postgres/pg-request-transaction.js';
import { prepareStatementsOn, reportCommitPositionsOn } from '../adapters/postgres/pg-client.js';
import { ReplicaRouting, ReplicaSearch, ReplicaUnitOfWork } from '../adapters/postgres/pg-replica.js';
import type { Storage } from './storage.js';

export type PostgresOptions = {
  readonly databaseUrl: string;
  readonly poolMax: number;
  /** Detail reads kept in this process (pg-detail-cache.ts); 0: none. Default DETAIL_CACHE_SIZE. */
  readonly detailCacheSize?: number;
  /** Search pages kept in this process (pg-search-cache.ts); 0: none. Default SEARCH_CACHE_SIZE. */
  readonly searchCacheSize?: number;
  readonly logger?: Logger;
  /** Every statement prepared once per connection (pg-client.ts); not on PGlite (one shared session). */
  readonly prepareStatements?: boolean;
  /** How long a request waits for a pooled connection before it is a 503 (default 2 s: a server that does not answer). */
  readonly connectTimeoutMs?: number;
  /** Refresh the planner's statistics this often (PGlite, which has no autovacuum). */
  readonly analyzeEveryMs?: number;
  /** A server other processes use too (not PGlite, which belongs to this one): see `Storage.sharedPool`. */
  readonly shared?: boolean;
  /** A streaming replica for searches and detail reads, with read-your-writes (pg-replica.ts). */
  readonly replica?: { readonly url: string; readonly waitMs: number };
  /** Runs after the pool is closed: stops an embedded server, drops a test database. */
  readonly onClose?: () => Promise<void>;
};

const CONNECT_TIMEOUT_MS = 2_000;
const STATEMENT_TIMEOUT_MS = 10_000;
const READINESS_TIMEOUT_MS = 1_000;

const poolOn = (url: string, options: PostgresOptions, settings?: { max: number; options: string }): pg.Pool => {
  const server = options.prepareStatements ?? true;
  const pool = new pg.Pool({
    connectionString: url,
    max: settings?.max ?? options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    ...(settings ? { options: settings.options } : server ? { options: NO_JIT } : {}),
  });
  // A connection dropping (server restart, failover) must never crash the process. The pool
  // reports idle clients; a checked-out client reports on itself, and its query fails with
  // it (503). Either way the pool discards that client and the next query reconnects.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database connection lost'));
  pool.on('connect', (client) => client.on('error', (error) => options.logger?.warn({ err: error }, 'database connection lost')));
  if (server) prepareStatementsOn(pool);
  return pool;
};

/**
 * Searches on `pool`, near= searches on a smaller pool of their own whose statements keep their
 * generic plans (GENERIC_PLANS) — with prepared statements only (not PGlite, which has one session).
 * Pages are kept between requests (pg-search-cache.ts) unless `searchCacheSize` is 0; `held`: a
 * request holds its transaction open, and its search must see its writes.
 */
const searchOn = (url: string, pool: pg.Pool, options: PostgresOptions, stamps: StampReader, held?: () => boolean): { search: AnnouncementSearch; pools: pg.Pool[] } => {
  const prepared = options.prepareStatements ?? true;
  const near = prepared ? poolOn(url, options, { max: Math.ceil(options.poolMax / 2), options: GENERIC_PLANS }) : undefined;
  const search = new PgAnnouncementSearch(pool, prepared, near);
  const size = options.searchCacheSize ?? SEARCH_CACHE_SIZE;
  return { search: size > 0 ? new SearchCache(search, stamps, size, held) : search, pools: near ? [near] : [] };
};

/** A streaming replica for searches and detail reads (pg-replica.ts), beside the primary's `pool`. */
const replicaOf = (pool: pg.Pool, options: PostgresOptions & { replica: { url: string; waitMs: number } }) => {
  const replicaPool = poolOn(options.replica.url, options);
  // One stamps reader per pool: the kept detail reads and pages of a turn ask in one statement.
  const stamps = new StampReader(replicaPool);
  const { search, pools } = searchOn(options.replica.url, replicaPool, options, stamps);
  const routing = new ReplicaRouting(pool, replicaPool, { waitMs: options.replica.waitMs, ...(options.logger ? { logger: options.logger } : {}) });
  return { routing, uow: new PgUnitOfWork(replicaPool, undefined, { ...options, stamps }), search, pools: [replicaPool, ...pools] };
};

/** The PostgreSQL adapters on one pool: a server from DATABASE_URL, or embedded PGlite. */
export const postgresStorage = (options: PostgresOptions): Storage & { pool: pg.Pool } => {
  const pool = poolOn(options.databaseUrl, options);
  const requests = new RequestTransactions(pool);
  const stamps = new StampReader(pool);
  const uow = new PgUnitOfWork(pool, requests, { ...options, stamps });
  const primary = searchOn(options.databaseUrl, pool, options, stamps, () => requests.held !== undefined);
  const replica = options.replica && replicaOf(pool, { ...options, replica: options.replica });
  if (replica) reportCommitPositionsOn(pool);
  return {
    pool,
    uow: replica ? new ReplicaUnitOfWork(uow, replica.uow, replica.routing, requests) : uow,
    search: replica ? new ReplicaSearch(primary.search, replica.search, replica.routing) : primary.search,
    ...(replica ? { readPositions: replica.routing } : {}),
    bookingQueries: new PgBookingQueries(pool),
    inbox: new PgNotifications(pool),
    ratings: new PgRatingReader(pool),
    idempotency: new PgIdempotencyStore(pool, requests),
    links: new PgShortLinkTargets(pool),
    outboxDelivery: new PgOutboxDelivery(pool),
    reminders: new PgReminderQueries(pool),
    calendarFeeds: new PgCalendarFeeds(pool),
    ...(options.shared ? { sharedPool: pool } : {}),
    ...(options.analyzeEveryMs ? { upkeep: { intervalMs: options.analyzeEveryMs, run: async () => void (await pool.query('ANALYZE')) } } : {}),
    async readiness() {
      const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, READINESS_TIMEOUT_MS, false).unref());
      return Promise.race([pool.query('SELECT 1').then(() => true, () => false), timeout]);
    },
    async close() {
      await Promise.all([...primary.pools, ...(replica?.pools ?? [])].map((other) => other.end()));
      await pool.end();
      await options.onClose?.();
    },
  };
};
