import { memoryStorage } from '../../src/storage/memory.storage.js';
import type { Storage } from '../../src/storage/storage.js';
import type { RatingRow } from '../../src/adapters/memory/memory-database.js';

/** A storage backend under contract: fresh and empty each time it is opened. */
export type TestStorage = Storage & {
  /** Ratings are written by a later feature; the read side is tested by seeding them. */
  seedRating(row: RatingRow): Promise<void>;
};

export type Backend = { readonly name: string; open(): Promise<TestStorage>; dispose?(): Promise<void> };

const memory: Backend = {
  name: 'memory',
  async open() {
    const storage = await memoryStorage({ publicBaseUrl: 'http://wt.test' });
    return {
      ...storage,
      seedRating: async (row) => void storage.db.ratings.set(`${row.announcementId}/${row.raterId}/${row.rateeId}`, row),
    };
  },
};

/** Every backend the contract suites run against. */
export const backends = (): Backend[] => [memory];
