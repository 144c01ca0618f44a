import { postgresStorage, type PostgresOptions } from '../../src/storage/postgres.storage.js';
import type { Backend } from '../contract/backends.js';
import { Core } from './core.js';
import { createServerDatabase, type TestDatabase } from './databases.js';

/**
 * For a describe on PostgreSQL: a fresh server database for each test, and a function that starts
 * a service on it as another process would have it — pools and caches of its own, `options` over
 * a pool of four. Everything started is stopped, and the database dropped, after each test.
 */
export const processesOnOneDatabase = (): ((options?: Partial<PostgresOptions>) => Promise<Core>) => {
  let database: TestDatabase;
  const opened: Core[] = [];
  beforeEach(async () => { database = await createServerDatabase(); });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((core) => core.stop()));
    await database.drop();
  });
  return async (options = {}) => {
    const backend = { name: 'PostgreSQL', open: async () => postgresStorage({ databaseUrl: database.url, poolMax: 4, ...options }) } as unknown as Backend;
    const core = await Core.start(backend);
    opened.push(core);
    return core;
  };
};
