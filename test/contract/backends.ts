import type pg from 'pg';
import { keepHostScore } from '../../src/application/index.js';
import { PgRatingRepository } from '../../src/adapters/postgres/pg-rating.repository.js';
import type { PortsUnderTest } from '../../src/testing/index.js';
import { memoryStorage } from '../../src/storage/memory.storage.js';
import { EMBEDDED_CONNECT_TIMEOUT_MS, EMBEDDED_POOL_MAX } from '../../src/storage/open-storage.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import type { Storage } from '../../src/storage/storage.js';
import { createEmbeddedDatabase, createServerDatabase, serverProblem, SERVER_URL, TABLES, type TestDatabase } from '../support/databases.js';

/** A storage backend under test: each `open()` gives an empty store, ready to be wired or held to a contract. */
export type TestStorage = Storage & PortsUnderTest;
export type Backend = { readonly name: string; open(): Promise<TestStorage & { readonly pool?: pg.Pool }> };

export const memory: Backend = {
  name: 'memory',
  async open() {
    const storage = await memoryStorage();
    return { ...storage, seedRating: async (row) => void storage.db.ratings.set(`${row.announcementId}/${row.raterId}/${row.rateeId}`, row) };
  },
};

/**
 * One database per backend and run, emptied before each test: opening a fresh PGlite costs
 * ~2 s and a fresh server database ~0.5 s, truncating costs milliseconds.
 */
const postgresBackend = (name: string, create: () => Promise<TestDatabase>, options: { poolMax: number; prepareStatements: boolean; connectTimeoutMs?: number }): Backend & { dispose(): Promise<void> } => {
  let database: Promise<TestDatabase> | undefined;
  let storage: (Storage & { pool: pg.Pool }) | undefined;
  return {
    name,
    async open() {
      database ??= create();
      const { url } = await database;
      storage ??= postgresStorage({ databaseUrl: url, ...options });
      await storage.pool.query(`TRUNCATE ${TABLES.join(', ')}`);
      const pool = storage.pool;
      return {
        ...storage,
        close: async () => undefined,
        seedRating: async (r) => {
          await pool.query('INSERT INTO ratings (announcement_id, rater_id, ratee_id, ratee_role, score) VALUES ($1, $2, $3, $4, $5)',
            [r.announcementId, r.raterId, r.rateeId, r.as, r.score]);
          // What RateParticipant does in its transaction: the domain's score, kept for search.
          await keepHostScore(new PgRatingRepository(pool), r);
        },
      };
    },
    async dispose() {
      await storage?.pool.end();
      await (await database)?.drop();
    },
  };
};

/** The embedded backend as open-storage.ts sets it up: one connection, a queue that waits its turn. */
const embedded = postgresBackend('PGlite', () => createEmbeddedDatabase(4),
  { poolMax: EMBEDDED_POOL_MAX, prepareStatements: false, connectTimeoutMs: EMBEDDED_CONNECT_TIMEOUT_MS });
const server = postgresBackend('PostgreSQL', createServerDatabase, { poolMax: 20, prepareStatements: true });

/** BACKENDS=memory,pglite,postgres (the default: all three) picks the backends the suites run on. */
const wanted = new Set((process.env.BACKENDS ?? 'memory,pglite,postgres').split(',').map((b) => b.trim().toLowerCase()));
const unknown = [...wanted].filter((b) => !['memory', 'pglite', 'postgres'].includes(b));
if (unknown.length > 0) throw new Error(`BACKENDS: unknown ${unknown.join(', ')} (memory, pglite, postgres)`);

const problem = wanted.has('postgres') ? await serverProblem() : null;
if (problem) console.warn(`\n  !! PostgreSQL at ${SERVER_URL} is not reachable (${problem}):\n  !! the PostgreSQL suites are NOT run. Start it or set TEST_DATABASE_URL.\n`);

/** Every backend the suites run against; the real server only when it answers (always in CI). */
export const backends = (): Backend[] => [
  ...(wanted.has('memory') ? [memory] : []),
  ...(wanted.has('pglite') ? [embedded] : []),
  ...(wanted.has('postgres') && !problem ? [server] : []),
];

/** Called once after all tests (test/support/hooks.ts). */
export const disposeBackends = async (): Promise<void> => {
  await Promise.all([embedded.dispose(), server.dispose()]);
};
