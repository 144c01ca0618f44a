import { readdir, readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner, type MigrationBuilder } from 'node-pg-migrate';
import pg from 'pg';

/** migrations/ at the package root, from src/ under tsx and from dist/ alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export type MigrationDirection = 'up' | 'down';

/** Any 64-bit number no other lock of this database uses: "wt-migr\0" read as a big-endian number. */
const MIGRATIONS_LOCK = '8607554735754932736';
/** How long a migration waits for a lock before it gives up and tries again, so that no request queues behind it for longer. */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;
const LOCK_NOT_AVAILABLE = '55P03';
const LOCK_POLL_MS = 100;
const MAX_TRIES = 30;

export type MigrateOptions = {
  readonly count?: number;
  /** Called once when another process is migrating the same database and this one waits for it. */
  readonly onWait?: () => void;
  /** Called when a migration gave up waiting for a lock (requests were using the table) and is tried again. */
  readonly onRetry?: (attempt: number, error: Error) => void;
  readonly lockTimeoutMs?: number;
};

/**
 * A migration whose Up section starts with this line runs outside a transaction, one statement
 * at a time: what `CREATE INDEX CONCURRENTLY` and `VALIDATE CONSTRAINT` on a busy table need.
 * Its statements must be safe to run again (IF NOT EXISTS / DROP … IF EXISTS first): a
 * statement that gave up on its lock is retried with the ones before it.
 */
const NO_TRANSACTION = /^\s*--\s*No transaction\b/im;

const sections = (content: string): { up: string; down: string | undefined } => {
  const up = content.search(/^\s*--[\s-]*up\s+migration/im);
  const down = content.search(/^\s*--[\s-]*down\s+migration/im);
  return { up: up >= 0 ? content.slice(up, down > up ? down : undefined) : content, down: down >= 0 ? content.slice(down, up > down ? up : undefined) : undefined };
};

/** The statements of a section: split where a line ends with `;`, but not inside a dollar-quoted body (DO $$ … $$). */
export const statementsOf = (sql: string): string[] => {
  const statements: string[] = [];
  let current: string[] = [];
  let quoted = false;
  for (const line of sql.split('\n')) {
    if (/^\s*--/.test(line) && !quoted) continue;
    current.push(line);
    quoted = (line.match(/\$\$/g) ?? []).length % 2 === 1 ? !quoted : quoted;
    if (!quoted && /;\s*$/.test(line)) {
      statements.push(current.join('\n').trim().replace(/;$/, ''));
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  return rest ? [...statements, rest] : statements;
};

const apply = (sql: string) => (pgm: MigrationBuilder): void => {
  if (!NO_TRANSACTION.test(sql)) return void pgm.sql(sql);
  pgm.noTransaction();
  for (const statement of statementsOf(sql)) pgm.sql(statement);
};

/** node-pg-migrate's SQL files, with the one addition above. */
const sqlLoader = async (paths: string[]) => Promise.all(paths.map(async (path) => {
  const { up, down } = sections(await readFile(path, 'utf8'));
  return { id: path, filePaths: [path], actions: { up: apply(up), down: down === undefined ? false as const : apply(down) } };
}));

const isLockTimeout = (error: unknown): boolean => (error as { code?: string }).code === LOCK_NOT_AVAILABLE ||
  ((error as { cause?: { code?: string } }).cause?.code === LOCK_NOT_AVAILABLE);

/**
 * Applies (or reverts) the SQL migrations, one process at a time, without blocking requests for
 * long. node-pg-migrate's own lock refuses a second runner ("Another migration is already
 * running"), so processes starting together on one database used to crash; here each first
 * waits for a session lock of its own, so the others queue behind the one migrating and then
 * find nothing left to do. Every statement waits at most `lockTimeoutMs` for a lock — requests
 * queue behind a waiting ALTER for no longer — and a migration that gave up is tried again.
 * Each migration is its own transaction, so one that gave up keeps those before it.
 */
export const migrate = async (databaseUrl: string, direction: MigrationDirection = 'up', options: MigrateOptions = {}): Promise<string[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Asked again and again rather than waited for in one statement: a session blocked in
    // pg_advisory_lock is a running transaction, and CREATE INDEX CONCURRENTLY in the migrating
    // session waits for every running transaction — a deadlock (seen: five processes at once).
    for (let tries = 0; !(await client.query<{ taken: boolean }>(`SELECT pg_try_advisory_lock(${MIGRATIONS_LOCK}::bigint) AS taken`)).rows[0]?.taken; tries += 1) {
      if (tries === 0) options.onWait?.();
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
    await client.query(`SET lock_timeout = ${Math.round(options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS)}`);
    const before = await appliedNames(client);
    const wanted = options.count ?? (direction === 'up' ? Infinity : 1);
    const changed = async () => {
      const now = await appliedNames(client);
      return direction === 'up' ? now.filter((m) => !before.includes(m)) : before.filter((m) => !now.includes(m)).reverse();
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        await runner({
          dbClient: client, dir: MIGRATIONS_DIR, direction, count: wanted - (await changed()).length, migrationsTable: 'pgmigrations',
          singleTransaction: false, checkOrder: true, noLock: true, log: () => undefined,
          migrationLoaderStrategies: [{ extensions: ['.sql'], loader: sqlLoader }],
        });
        return await changed();
      } catch (error) {
        // A transactional migration that failed left its transaction open: end it, undoing that migration alone.
        await client.query('ROLLBACK').catch(() => undefined);
        if (!isLockTimeout(error) || attempt >= MAX_TRIES) throw error;
        // The migrations before the one that gave up are committed; it is tried again once the table had a moment.
        options.onRetry?.(attempt, error as Error);
        await new Promise((r) => setTimeout(r, Math.min(2_000, 50 * 2 ** attempt)));
      }
    }
  } finally {
    await client.end().catch(() => undefined);
  }
};

const appliedNames = async (db: pg.ClientBase): Promise<string[]> => {
  const exists = (await db.query<{ t: string | null }>("SELECT to_regclass('pgmigrations') AS t")).rows[0]?.t;
  if (!exists) return [];
  return (await db.query<{ name: string }>('SELECT name FROM pgmigrations ORDER BY run_on, id')).rows.map((r) => r.name);
};

/** The migrations this version of the service ships, oldest first. */
export const knownMigrations = async (): Promise<string[]> =>
  (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).map((f) => basename(f, '.sql')).sort();

export type SchemaStatus = { readonly missing: readonly string[]; readonly unknown: readonly string[] };

/** What the database lacks of this version's migrations, and what it has that this version does not know. */
export const schemaStatus = async (databaseUrl: string): Promise<SchemaStatus> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const [applied, known] = await Promise.all([appliedNames(client), knownMigrations()]);
    return { missing: known.filter((m) => !applied.includes(m)), unknown: applied.filter((m) => !known.includes(m)) };
  } finally {
    await client.end().catch(() => undefined);
  }
};
