import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import pg, { type Pool, type PoolClient, type QueryResult, type QueryResultRow } from 'pg';

const { escapeLiteral } = pg;
import { StorageUnavailableError } from '../../application/index.js';
import { currentRequest, requestContext } from '../request-context.js';

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

const TEXTS = new Map<string, string>();

const nameOf = (text: string): string | undefined => {
  let name = NAMES.get(text);
  if (name === undefined && NAMES.size < MAX_NAMED) {
    name = `wt-${createHash('sha1').update(text).digest('base64url').slice(0, 20)}`;
    NAMES.set(text, name);
    TEXTS.set(name, text);
  }
  return name;
};

/** The text of a statement by the name it is prepared under, on the protocol or in a batch (for tests that read what was sent). */
export const preparedText = (name: string): string | undefined => TEXTS.get(name.replace(/^wtb\d+-/, 'wt-'));

/** A WAL position (`16/B374D848`) as a number, to compare two. */
export const walOffset = (position: string): bigint => {
  const [high, low] = position.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
};

/** Pools, and the clients they open, whose commits also say where the WAL stands after them (a primary with a read replica). */
const REPORTING = new WeakSet<object>();
/** Where the primary's WAL stands now: after a commit, at or past its commit record. */
export const WAL_POSITION = 'SELECT pg_current_wal_lsn()::text AS lsn';

/**
 * Every COMMIT on this pool carries, in its own message, the question where the primary's WAL
 * stands after it; the answer is kept with the request (`WT-Read-After`, ReplicaRouting.written),
 * so a write's answer needs no round trip of its own to say what its client must read after.
 */
export const reportCommitPositionsOn = (pool: Pool): void => {
  REPORTING.add(pool);
  pool.on('connect', (client) => REPORTING.add(client));
};

/** Keeps the position a commit reported with the request, the furthest when it commits more than once. */
const noteCommitted = (result: QueryResult | undefined): void => {
  const position = (result?.rows[0] as { lsn?: unknown } | undefined)?.lsn;
  if (typeof position !== 'string') return;
  const known = currentRequest()?.written;
  if (known === undefined || walOffset(position) > walOffset(known)) requestContext.wrote(position);
};

/** COMMIT on a connection that sends its statements plainly, with the position after it where the pool reports one. */
export const commit = async (client: PoolClient): Promise<void> => {
  if (!REPORTING.has(client)) {
    await client.query('COMMIT');
    return;
  }
  const answers = (await client.query(`COMMIT;\n${WAL_POSITION}`)) as unknown as QueryResult[];
  noteCommitted(answers[1]);
};

/** Pools whose statements go elsewhere within a scope (pg-request-transaction.ts): to the transaction a request holds open. */
const ROUTES = new WeakMap<object, () => PoolClient | undefined>();

export const routeThrough = (pool: Pool, target: () => PoolClient | undefined): void => {
  ROUTES.set(pool, target);
};

export const run = async <R extends QueryResultRow = QueryResultRow>(given: Queryable, statement: Statement, values?: unknown[]): Promise<QueryResult<R>> => {
  const db = ROUTES.get(given)?.() ?? given;
  const batch = BATCHES.get(db);
  if (batch) return batch.enqueue(statement, values) as Promise<QueryResult<R>>;
  return sendAlone<R>(db, statement, values);
};

const sendAlone = async <R extends QueryResultRow = QueryResultRow>(db: Queryable, statement: Statement, values?: unknown[]): Promise<QueryResult<R>> => {
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

// ---------------------------------------------------------------------------------------------
// Transactions in few round trips
// ---------------------------------------------------------------------------------------------

const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (value: unknown) => string | Buffer | null };

/** A parameter as the SQL literal PostgreSQL would have read from it (untyped, like a parameter). */
const literal = (value: unknown): string => {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (Buffer.isBuffer(prepared)) return `'\\x${prepared.toString('hex')}'`;
  return escapeLiteral(prepared);
};

/** The statement with its parameters written in, for the simple protocol (which takes several statements but no parameters). */
export const inline = (statement: Statement, values: readonly unknown[] = []): string =>
  (typeof statement === 'string' ? statement : statement.text).replace(/\$(\d+)/g, (_, n: string) => literal(values[Number(n) - 1]));

type Queued = { readonly statement: Statement; readonly values?: unknown[]; readonly settle?: { resolve(r: QueryResult): void; reject(e: unknown): void } };

/**
 * One transaction's connection that sends its statements in as few round trips as it can,
 * each a write system call on both sides and, on this kind of machine, dearer than the
 * statements themselves (docs/BENCHMARKS.md):
 * - `BEGIN` is not sent alone: it goes with the first statements;
 * - statements issued together (in one turn of the event loop, as `Promise.all` issues them)
 *   go together, as one simple-protocol message — PostgreSQL runs them one after another,
 *   each with a snapshot of its own, exactly as if they had been sent apart;
 * - writes whose result nobody reads (`later`) wait for the next statement or for `COMMIT`.
 * A lone statement with nothing waiting goes as before, prepared with its parameters. The
 * simple protocol takes no parameters, so a batch carries them as literals (`inline`).
 * A statement that fails fails those sent with it: the transaction is aborted anyway.
 */
class Batch {
  private queue: Queued[] = [];
  private scheduled = false;

  /** `begun`: no BEGIN to send — the transaction started already, or there is none (reads, each message its own). */
  constructor(private readonly client: PoolClient, private begun = false) {}

  enqueue(statement: Statement, values?: unknown[]): Promise<QueryResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ statement, values, settle: { resolve, reject } });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  defer(statement: Statement, values?: unknown[]): void {
    this.queue.push({ statement, values });
  }

  /** Sends what waits, with `last` (COMMIT, ROLLBACK, …) after it; nothing at all when the transaction never started. */
  async end(last: string): Promise<void> {
    const ending = this.queue.splice(0);
    BATCHES.delete(this.client);
    if (!this.begun && (ending.length === 0 || last !== 'COMMIT')) return;
    if (last !== 'COMMIT') ending.length = 0;
    const report = last === 'COMMIT' && REPORTING.has(this.client);
    const answers = await this.send(ending, report ? [last, WAL_POSITION] : [last]);
    if (report) noteCommitted(answers[ending.length + 1]);
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const items = this.queue.splice(0);
    if (items.length === 0) return;
    const alone = this.begun && items.length === 1;
    try {
      if (alone) {
        items[0]!.settle?.resolve(await sendAlone(this.client, items[0]!.statement, items[0]!.values));
        return;
      }
      const results = await this.send(items);
      items.forEach((item, i) => item.settle?.resolve(results[i]!));
    } catch (error) {
      for (const item of items) item.settle?.reject(error);
    }
  }

  /** The items' results, then those of `after` (COMMIT and what follows it). */
  private async send(items: readonly Queued[], after: readonly string[] = []): Promise<QueryResult[]> {
    const prepared = PREPARING.has(this.client) ? preparedOn(this.client) : undefined;
    const prepares: string[] = [];
    const texts = items.map((item) => (prepared ? executed(prepared, item, prepares) : inline(item.statement, item.values)));
    const begin = !this.begun;
    this.begun = true;
    // PREPAREs come first, so none of them can follow a failing statement: when the message
    // succeeds they all ran (PREPARE is not undone by a rollback either).
    const all = [...prepares, ...(begin ? ['BEGIN'] : []), ...texts, ...after];
    let answer: QueryResult | QueryResult[];
    try {
      // Several statements answer with one result each (node-postgres gives them as an array).
      answer = (await this.client.query(all.join(';\n'))) as QueryResult | QueryResult[];
    } catch (error) {
      if (prepared && prepares.length > 0) prepared.unsure();
      throw unavailable(error);
    }
    const results = Array.isArray(answer) ? answer : [answer];
    return results.slice(prepares.length + (begin ? 1 : 0));
  }
}

/**
 * The statements a connection has prepared with SQL's PREPARE, for batches: the simple protocol
 * that carries several statements in one message cannot use the protocol's prepared statements,
 * and parsing and planning each inlined text again cost PostgreSQL more than the round trips
 * saved (2.5 ms of its CPU per detail read). A batch sends `EXECUTE name(literals)` instead, with
 * the `PREPARE` in front the first time on each connection. A failed message that carried
 * PREPAREs leaves it unknown which of them ran; the connection then starts a new generation of
 * names (the few old ones stay in its session until it closes).
 */
class PreparedOnConnection {
  private generation = 0;
  private readonly names = new Set<string>();

  nameOf(text: string): string | undefined {
    const base = nameOf(text);
    return base === undefined ? undefined : `wtb${this.generation}${base.slice(2)}`;
  }

  has(name: string): boolean {
    return this.names.has(name);
  }

  add(name: string): void {
    this.names.add(name);
  }

  unsure(): void {
    this.generation += 1;
    this.names.clear();
  }
}

const PREPARED = new WeakMap<object, PreparedOnConnection>();

const preparedOn = (client: PoolClient): PreparedOnConnection => {
  let prepared = PREPARED.get(client);
  if (!prepared) PREPARED.set(client, (prepared = new PreparedOnConnection()));
  return prepared;
};

const PREPARABLE = /^\s*(SELECT|VALUES|INSERT|UPDATE|DELETE|MERGE|WITH)\b/i;

/** `EXECUTE` of the item's prepared statement, adding its `PREPARE` to `prepares` when the connection lacks it. */
const executed = (prepared: PreparedOnConnection, item: Queued, prepares: string[]): string => {
  const text = typeof item.statement === 'string' ? item.statement : item.statement.text;
  // PREPARE takes queries only (SELECT, VALUES, INSERT, UPDATE, DELETE, MERGE, and WITH before them): SET and the like go inlined.
  const name = PREPARABLE.test(text) ? prepared.nameOf(text) : undefined;
  if (name === undefined) return inline(item.statement, item.values);
  if (!prepared.has(name)) {
    prepares.push(`PREPARE "${name}" AS ${text}`);
    prepared.add(name);
  }
  const values = item.values ?? [];
  return values.length === 0 ? `EXECUTE "${name}"` : `EXECUTE "${name}"(${values.map(literal).join(', ')})`;
};

const BATCHES = new WeakMap<object, Batch>();

/** Opens a transaction on the client whose `BEGIN` goes with its first statements (see Batch). */
export const beginBatched = (client: PoolClient): void => {
  BATCHES.set(client, new Batch(client));
};

/** Reads outside a transaction on the client: those issued together go as one message (PostgreSQL runs it as one implicit transaction). */
export const batchReads = (client: PoolClient): void => {
  BATCHES.set(client, new Batch(client, true));
};

/** Ends the client's transaction: what waits and `COMMIT` in one message, or `ROLLBACK`; plainly sent on a client without a batch. */
export const endTransaction = async (client: PoolClient, last: 'COMMIT' | 'ROLLBACK'): Promise<void> => {
  const batch = BATCHES.get(client);
  if (batch) return batch.end(last);
  if (last === 'COMMIT') await commit(client);
  else await client.query(last);
};

/** The client goes on as a plain connection (its transaction held open by RequestTransactions); nothing may wait in its batch. */
export const stopBatching = (client: PoolClient): void => {
  BATCHES.delete(client);
};

/**
 * A write whose result is not read: in a batched transaction it waits and goes with the next
 * statement or the commit; its failure (a constraint) is then the failure of that statement.
 */
export const later = async (given: Queryable, statement: Statement, values?: unknown[]): Promise<void> => {
  const db = ROUTES.get(given)?.() ?? given;
  const batch = BATCHES.get(db);
  if (batch) batch.defer(statement, values);
  else await sendAlone(db, statement, values);
};
