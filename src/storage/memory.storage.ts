import { memoryAdapters, type MemoryDatabase } from '../adapters/memory/index.js';
import type { Storage } from './storage.js';

/** Everything in this process: fast, forgotten at exit. Tests and `STORAGE=memory`. */
export const memoryStorage = async (db?: MemoryDatabase): Promise<Storage & { db: MemoryDatabase }> => ({
  ...memoryAdapters(db),
  readiness: async () => true,
  close: async () => undefined,
});
