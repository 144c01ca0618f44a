import type { Pool } from 'pg';
import type { ReadPositions, StoragePorts } from '../application/index.js';

/** One storage backend (memory, PostgreSQL, PGlite): the core's storage ports, and its life. */
export type Storage = StoragePorts & {
  readiness(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Upkeep the database does not do by itself, run by the worker role: PGlite has no autovacuum,
   * so without a periodic ANALYZE its planner would plan a grown database by its empty statistics.
   */
  readonly upkeep?: { readonly intervalMs: number; run(): Promise<void> };
  /** A database server several API processes share: what they must count together (rate limits) is kept there. */
  readonly sharedPool?: Pool;
  /** With a read replica: where the primary stands after a write, for the client's next read (`WT-Read-After`). */
  readonly readPositions?: ReadPositions;
};
