import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';

/** migrations/ at the package root, from src/ under tsx and from dist/ alike. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export type MigrationDirection = 'up' | 'down';

/**
 * Applies (or reverts) the SQL migrations. node-pg-migrate takes an advisory lock, so several
 * processes starting at once apply each migration once.
 */
export const migrate = async (databaseUrl: string, direction: MigrationDirection = 'up', count?: number): Promise<string[]> => {
  const applied = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction,
    count: count ?? (direction === 'up' ? Infinity : 1),
    migrationsTable: 'pgmigrations',
    singleTransaction: true,
    checkOrder: true,
    log: () => undefined,
  });
  return applied.map((m) => m.name);
};
