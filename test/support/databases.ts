import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres.js';
import { migrate } from '../../src/adapters/postgres/migrations.js';

/** The server the PostgreSQL suites use: TEST_DATABASE_URL, else DATABASE_URL, else the local one. */
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withDatabase = (url: string, database: string): string => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

const reachable = async (url: string): Promise<string | null> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
};

/** null when the server answers; otherwise why not. In CI an absent server fails the run. */
export const serverProblem = async (): Promise<string | null> => {
  const problem = await reachable(SERVER_URL);
  if (problem && process.env.CI === 'true')
    throw new Error(`CI needs PostgreSQL at ${SERVER_URL} for the PostgreSQL suites: ${problem}`);
  return problem;
};

export type TestDatabase = { readonly url: string; drop(): Promise<void> };

/** A database of its own for this run, migrated unless asked not to; dropped afterwards. */
export const createServerDatabase = async ({ migrated = true } = {}): Promise<TestDatabase> => {
  const name = `test_wt_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(SERVER_URL, name);
  if (migrated) await migrate(url);
  return {
    url,
    async drop() {
      const client = new pg.Client({ connectionString: SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
};

/** An in-memory PGlite for this run, migrated. */
export const createEmbeddedDatabase = async (maxConnections: number): Promise<TestDatabase> => {
  const embedded = await EmbeddedPostgres.start('', maxConnections);
  await migrate(embedded.url);
  return { url: embedded.url, drop: () => embedded.stop() };
};

/**
 * Every table a test writes, in the service's own lock order (screening, then its bookings, then
 * what a change writes with them): TRUNCATE locks them one by one in this order, so a transaction
 * of the test before that is still finishing makes it wait, never deadlock. In the opposite order
 * (as it was) TRUNCATE held notifications while waiting for bookings, and a booking's transaction
 * holding bookings waited for notifications: a deadlock seen in a loaded run.
 */
export const TABLES = ['announcements', 'bookings', 'invite_links', 'invitations', 'notifications', 'ratings', 'user_ratings', 'calendar_feeds', 'idempotency_keys', 'blocks', 'reports', 'inbox_reads'];
