import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import pg from 'pg';

/** migrations/ at the package root, from src/ under tsx and from dist/ alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export type MigrationDirection = 'up' | 'down';

/** Any 64-bit number no other lock of this database uses: "wt-migr\0" read as a big-endian number. */
const MIGRATIONS_LOCK = '8607554735754932736';

export type MigrateOptions = {
  readonly count?: number;
  /** Called once when another process is migrating the same database and this one waits for it. */
  readonly onWait?: () => void;
};

/**
 * Applies (or reverts) the SQL migrations, one process at a time. node-pg-migrate's own lock
 * refuses a second runner ("Another migration is already running"), so processes starting
 * together on one database used to crash; here each first waits for a session lock of its own,
 * so the others queue behind the one migrating and then find nothing left to do. The lock
 * belongs to the session: a process that dies while migrating lets the next one go.
 */
export const migrate = async (databaseUrl: string, direction: MigrationDirection = 'up', options: MigrateOptions = {}): Promise<string[]> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const [first] = (await client.query<{ taken: boolean }>(`SELECT pg_try_advisory_lock(${MIGRATIONS_LOCK}::bigint) AS taken`)).rows;
    if (!first?.taken) {
      options.onWait?.();
      await client.query(`SELECT pg_advisory_lock(${MIGRATIONS_LOCK}::bigint)`);
    }
    const applied = await runner({
      databaseUrl,
      dir: MIGRATIONS_DIR,
      direction,
      count: options.count ?? (direction === 'up' ? Infinity : 1),
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      checkOrder: true,
      log: () => undefined,
    });
    return applied.map((m) => m.name);
  } finally {
    await client.end().catch(() => undefined);
  }
};
