import type pg from 'pg';
import { memoryStorage } from '../../src/storage/memory.storage.js';
import { EMBEDDED_POOL_MAX } from '../../src/storage/open-storage.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import type { Storage } from '../../src/storage/storage.js';
import type { RatingRow } from '../../src/adapters/memory/memory-database.js';
import { createEmbeddedDatabase, createServerDatabase, serverProblem, SERVER_URL, TABLES, type TestDatabase } from '../support/databases.js';

/** A storage backend under test: each `open()` gives an empty store. */
export type TestStorage = Storage & {
  /** Ratings are written by a later feature; the read side is tested by seeding them. */
  seedRating(row: RatingRow): Promise<void>;
};

export type Backend = { readonly name: string; open(): Promise<TestStorage> };

const POOL_MAX = 20;

const memory: Backend = {
  name: 'memory',
  async open() {
    const storage = await memoryStorage();
    return {
      ...storage,
      seedRating: async (row) => void storage.db.ratings.set(`${row.announcementId}/${row.raterId}/${row.rateeId}`, row),
    };
  },
};

/**
 * One database per backend and run, emptied before each test: opening a fresh PGlite costs
 * ~2 s and a fresh server database ~0.5 s, truncating costs milliseconds.
 */
const postgresBackend = (name: string, create: () => Promise<TestDatabase>, poolMax: number, prepareStatements: boolean): Backend & { dispose(): Promise<void> } => {
  let database: Promise<TestDatabase> | undefined;
  let storage: (Storage & { pool: pg.Pool }) | undefined;
  return {
    name,
    async open() {
      database ??= create();
      const { url } = await database;
      storage ??= postgresStorage({ databaseUrl: url, poolMax, prepareStatements });
      await storage.pool.query(`TRUNCATE ${TABLES.join(', ')}`);
      const pool = storage.pool;
      return {
        ...storage,
        close: async () => undefined,
        seedRating: async (r) => void (await pool.query(
          'INSERT INTO ratings (announcement_id, rater_id, ratee_id, ratee_role, score) VALUES ($1, $2, $3, $4, $5)',
          [r.announcementId, r.raterId, r.rateeId, r.as, r.score])),
      };
    },
    async dispose() {
      await storage?.pool.end();
      await (await database)?.drop();
    },
  };
};

const embedded = postgresBackend('PGlite', () => createEmbeddedDatabase(4), EMBEDDED_POOL_MAX, false);
const server = postgresBackend('PostgreSQL', createServerDatabase, POOL_MAX, true);

const problem = await serverProblem();
if (problem) console.warn(`\n  !! PostgreSQL at ${SERVER_URL} is not reachable (${problem}):\n  !! the PostgreSQL suites are NOT run. Start it or set TEST_DATABASE_URL.\n`);

/** Every backend the suites run against; the real server only when it answers (always in CI). */
export const backends = (): Backend[] => (problem ? [memory, embedded] : [memory, embedded, server]);

/** Called once after all tests (test/support/hooks.ts). */
export const disposeBackends = async (): Promise<void> => {
  await Promise.all([embedded.dispose(), server.dispose()]);
};
