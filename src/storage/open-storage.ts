import type { Logger } from 'pino';
import { untilDatabaseAnswers } from '../adapters/postgres/database-wait.js';
import { EmbeddedPostgres } from '../adapters/postgres/embedded-postgres.js';
import { migrate, schemaStatus } from '../adapters/postgres/migrations.js';
import { releaseAbandonedClaims } from '../adapters/postgres/pg-idempotency.store.js';
import { StartupError } from '../adapters/startup-error.js';
import type { Config } from '../config.js';
import { memoryStorage } from './memory.storage.js';
import { postgresStorage } from './postgres.storage.js';
import type { Storage } from './storage.js';

/**
 * PGlite is one PostgreSQL session, and its socket server interleaves the extended-protocol
 * messages of concurrent connections (seen: "bind message supplies 2 parameters, but prepared
 * statement requires 1"). One pooled connection queues statements in order instead; nothing
 * is lost, since the session runs one transaction at a time anyway. The socket allows a few
 * more for the migration runner.
 */
export const EMBEDDED_POOL_MAX = 1;
const EMBEDDED_SOCKET_CONNECTIONS = 4;
/** PGlite has no autovacuum: the worker refreshes the planner's statistics this often (and once at start). */
const EMBEDDED_ANALYZE_MS = 10 * 60_000;
/**
 * Requests queue for the embedded database's one connection; a burst of them is work to do,
 * not a database that is away, so each waits its turn as long as a request may take.
 */
export const EMBEDDED_CONNECT_TIMEOUT_MS = 30_000;

/** A database URL fit for a log line: the password, if any, is not. */
export const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
};

/** Runs `work` on DATABASE_URL once it answers; a refusal other than "not there" is one line naming the setting. */
const onServer = async <T>(databaseUrl: string, logger: Logger, work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
  const shown = redactUrl(databaseUrl);
  try {
    return await untilDatabaseAnswers(work, (attempt, delayMs, error) => logger.warn(
      { attempt, retryInMs: Math.round(delayMs), reason: (error as Error | undefined)?.message },
      `waiting for the database at DATABASE_URL ${shown}`), signal);
  } catch (error) {
    if (signal?.aborted || error instanceof StartupError) throw error;
    throw new StartupError(`DATABASE_URL ${shown} refused: ${(error as Error).message}. Check the URL, its user and database.`);
  }
};

const SCHEMA_POLL_MS = 2_000;

/**
 * A database server is migrated by a deploy step (`npm run migrate`), not by every process that
 * starts (MIGRATE_AT_START=true brings that back for a single server). A process finding the
 * schema behind its own waits, saying so once, until the deploy step has run; one finding
 * migrations it does not know (a newer version migrated it) refuses to start.
 */
const untilSchemaCurrent = async (databaseUrl: string, logger: Logger, signal?: AbortSignal): Promise<void> => {
  const shown = redactUrl(databaseUrl);
  let told = false;
  for (;;) {
    const { missing, unknown } = await onServer(databaseUrl, logger, () => schemaStatus(databaseUrl), signal);
    if (unknown.length > 0)
      throw new StartupError(`DATABASE_URL ${shown} has ${unknown.length} migration(s) this version does not know (${unknown.at(-1)}): ` +
        'run the version that applied them, or take them back with `npm run migrate -- down`.');
    if (missing.length === 0) return;
    if (!told) logger.warn(`waiting: the database at DATABASE_URL ${shown} lacks ${missing.length} migration(s), up to ${missing.at(-1)}; run \`npm run migrate\` (or set MIGRATE_AT_START=true)`);
    told = true;
    await new Promise((resolve) => setTimeout(resolve, SCHEMA_POLL_MS));
    if (signal?.aborted) throw signal.reason;
  }
};

/** The storage the configuration asks for, migrated and ready; waits for a database server that is not up yet. */
export const openStorage = async (config: Config, logger: Logger, signal?: AbortSignal): Promise<Storage> => {
  const base = { poolMax: config.poolMax, detailCacheSize: config.detailCacheSize, searchCacheSize: config.searchCacheSize, logger };
  switch (config.storage) {
    case 'memory':
      return memoryStorage();
    case 'postgres': {
      const databaseUrl = config.databaseUrl!;
      if (config.migrateAtStart) {
        const onWait = () => logger.warn(`waiting for another process to finish migrating the database at DATABASE_URL ${redactUrl(databaseUrl)}`);
        await onServer(databaseUrl, logger, () => migrate(databaseUrl, 'up', { onWait }), signal);
      } else {
        await untilSchemaCurrent(databaseUrl, logger, signal);
      }
      const replica = config.readDatabaseUrl ? { url: config.readDatabaseUrl, waitMs: config.readWaitMs } : undefined;
      return postgresStorage({ ...base, databaseUrl, shared: true, ...(replica ? { replica } : {}) });
    }
    case 'embedded': {
      let embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_SOCKET_CONNECTIONS);
      try {
        await migrate(embedded.url);
      } catch (error) {
        await embedded.stop();
        throw error;
      }
      // initdb and the first migrations grow PGlite's WASM memory to ~750 MB RSS, and WASM memory
      // is never given back; reopening the folder starts a fresh instance at a restart's ~250 MB
      // (docs/BENCHMARKS.md, embedded memory). A database in memory has no folder to reopen.
      if (embedded.created && config.dataDir) {
        await embedded.stop();
        embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_SOCKET_CONNECTIONS);
      }
      const storage = postgresStorage({
        ...base, poolMax: EMBEDDED_POOL_MAX, connectTimeoutMs: EMBEDDED_CONNECT_TIMEOUT_MS, prepareStatements: false, analyzeEveryMs: EMBEDDED_ANALYZE_MS,
        databaseUrl: embedded.url, onClose: () => embedded.stop(),
      });
      await releaseAbandonedClaims(storage.pool).catch(async (error: unknown) => {
        await storage.close();
        throw error;
      });
      return storage;
    }
  }
};
