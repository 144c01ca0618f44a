import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';
import { StorageUnavailableError } from '../../application/index.js';

/** A pool outside transactions, or the one connection of a transaction. */
export type Queryable = Pool | PoolClient;

/** Network failures, a missing socket file, and PostgreSQL shutting down, starting or out of connections. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENOENT', '57P01', '57P02', '57P03', '53300']);

/** Errors that mean "the database is not there", as opposed to "the query was refused". */
export const isConnectionError = (error: unknown): boolean => {
  const e = error as { code?: string; message?: string };
  return (
    (e.code !== undefined && (CONNECTION_CODES.has(e.code) || e.code.startsWith('08'))) ||
    /timeout exceeded when trying to connect|Connection terminated|connection is closed|Client has encountered a connection error/i.test(e.message ?? '')
  );
};

export const unavailable = (error: unknown): unknown =>
  isConnectionError(error) ? new StorageUnavailableError(`database unavailable: ${(error as Error).message}`, { cause: error }) : error;

/** A statement with a `name` is prepared once per connection and its plan reused by PostgreSQL. */
export type Statement = string | { readonly text: string; readonly name?: string };

/** Pools, and the clients they open, whose statements are prepared (a PostgreSQL server; not PGlite). */
const PREPARING = new WeakSet<object>();
const NAMES = new Map<string, string>();
/** The adapters send a few dozen distinct texts; past this, a text is sent unnamed rather than kept forever. */
const MAX_NAMED = 2_000;

/**
 * Every statement sent through this pool becomes a named (prepared) statement on its
 * connection, so PostgreSQL parses, analyses and plans each text once per connection instead
 * of at every call — over a third of its CPU per booking. Not for PGlite, whose one session
 * outlives a replaced connection (a name would clash), nor behind a transaction-mode pooler.
 */
export const prepareStatementsOn = (pool: Pool): void => {
  PREPARING.add(pool);
  pool.on('connect', (client) => PREPARING.add(client));
};

const nameOf = (text: string): string | undefined => {
  let name = NAMES.get(text);
  if (name === undefined && NAMES.size < MAX_NAMED) {
    name = `wt-${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    NAMES.set(text, name);
  }
  return name;
};

/** Pools whose statements go elsewhere within a scope (pg-request-transaction.ts): to the transaction a request holds open. */
const ROUTES = new WeakMap<object, () => PoolClient | undefined>();

export const routeThrough = (pool: Pool, target: () => PoolClient | undefined): void => {
  ROUTES.set(pool, target);
};

export const run = async <R extends QueryResultRow = QueryResultRow>(given: Queryable, statement: Statement, values?: unknown[]): Promise<QueryResult<R>> => {
  const db = ROUTES.get(given)?.() ?? given;
  try {
    if (typeof statement === 'string') {
      const name = PREPARING.has(db) ? nameOf(statement) : undefined;
      return await db.query<R>(name ? { text: statement, values, name } : { text: statement, values });
    }
    return await db.query<R>({ ...statement, values });
  } catch (error) {
    throw unavailable(error);
  }
};

export const rows = async <R extends QueryResultRow = QueryResultRow>(db: Queryable, statement: Statement, values?: unknown[]): Promise<R[]> =>
  (await run<R>(db, statement, values)).rows;
