import type { Logger } from 'pino';
import { EmbeddedPostgres } from '../adapters/postgres/embedded-postgres.js';
import { migrate } from '../adapters/postgres/migrations.js';
import type { Config } from '../config.js';
import { memoryStorage } from './memory.storage.js';
import { postgresStorage } from './postgres.storage.js';
import type { Storage } from './storage.js';

/**
 * PGlite is one PostgreSQL session, and its socket server interleaves the extended-protocol
 * messages of concurrent connections (seen: "bind message supplies 2 parameters, but prepared
 * statement requires 1"). One pooled connection queues statements in order instead; nothing
 * is lost, since the session runs one transaction at a time anyway. The socket allows a few
 * more for the migration runner.
 */
export const EMBEDDED_POOL_MAX = 1;
const EMBEDDED_SOCKET_CONNECTIONS = 4;

/** The storage the configuration asks for, migrated and ready. */
export const openStorage = async (config: Config, logger: Logger): Promise<Storage> => {
  const base = { poolMax: config.poolMax, publicBaseUrl: config.publicBaseUrl, logger };
  switch (config.storage) {
    case 'memory':
      return memoryStorage(config);
    case 'postgres': {
      const databaseUrl = config.databaseUrl!;
      await migrate(databaseUrl);
      return postgresStorage({ ...base, databaseUrl });
    }
    case 'embedded': {
      const embedded = await EmbeddedPostgres.start(config.dataDir, EMBEDDED_SOCKET_CONNECTIONS);
      try {
        await migrate(embedded.url);
      } catch (error) {
        await embedded.stop();
        throw error;
      }
      return postgresStorage({
        ...base, poolMax: EMBEDDED_POOL_MAX, prepareStatements: false, databaseUrl: embedded.url, onClose: () => embedded.stop(),
      });
    }
  }
};
