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

export const run = async <R extends QueryResultRow = QueryResultRow>(db: Queryable, statement: Statement, values?: unknown[]): Promise<QueryResult<R>> => {
  try {
    return await db.query<R>(typeof statement === 'string' ? { text: statement, values } : { ...statement, values });
  } catch (error) {
    throw unavailable(error);
  }
};

export const rows = async <R extends QueryResultRow = QueryResultRow>(db: Queryable, statement: Statement, values?: unknown[]): Promise<R[]> =>
  (await run<R>(db, statement, values)).rows;
