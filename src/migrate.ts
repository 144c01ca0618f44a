import { EmbeddedPostgres } from './adapters/postgres/embedded-postgres.js';
import { migrate } from './adapters/postgres/migrations.js';
import { ConfigError, loadConfig } from './config.js';

/**
 * `npm run migrate -- up|down [count]`: on DATABASE_URL, or on the embedded database in
 * DATA_DIR. Start-up applies `up` by itself; this is for operators and for going back.
 */
const [direction = 'up', count] = process.argv.slice(2);
try {
  if (direction !== 'up' && direction !== 'down') throw new ConfigError('usage: npm run migrate -- up|down [count]');
  const config = loadConfig();
  if (config.storage === 'memory') throw new ConfigError('STORAGE=memory has no schema to migrate');
  const embedded = config.storage === 'embedded' ? await EmbeddedPostgres.start(config.dataDir, 2) : null;
  try {
    const ran = await migrate(embedded?.url ?? config.databaseUrl!, direction, {
      ...(count ? { count: Number(count) } : {}),
      onWait: () => console.log('waiting: another process is migrating this database'),
    });
    console.log(ran.length ? `${direction}: ${ran.join(', ')}` : `${direction}: nothing to do`);
  } finally {
    await embedded?.stop();
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
