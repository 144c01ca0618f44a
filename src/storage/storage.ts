import type { StoragePorts } from '../application/index.js';

/** One storage backend (memory, PostgreSQL, PGlite): the core's storage ports, and its life. */
export type Storage = StoragePorts & {
  readiness(): Promise<boolean>;
  close(): Promise<void>;
};
