import { z } from 'zod';

export const DEV_JWT_SECRET = 'watch-together-local-dev-secret-do-not-use-in-production';

const Env = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DIRECTORY_FILE: z.string().min(1).default('demo/directory.json'),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  PUBLIC_BASE_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  STORAGE: z.enum(['embedded', 'postgres', 'memory'], { error: 'must be embedded, postgres or memory' }).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(200).default(10),
  WATCHER_INTERVAL_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(30_000),
  NODE_ENV: z.string().optional(),
});

export type Config = {
  readonly port: number;
  readonly host: string;
  readonly jwtSecret: string;
  readonly usesDevSecret: boolean;
  readonly directoryFile: string;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  readonly publicBaseUrl: string;
  /** embedded: PGlite in dataDir; postgres: the server at databaseUrl; memory: nothing kept. */
  readonly storage: 'embedded' | 'postgres' | 'memory';
  readonly databaseUrl?: string;
  readonly poolMax: number;
  readonly watcherIntervalMs: number;
};

export class ConfigError extends Error {}

/** Reads the environment; a bad value stops start-up with one line naming it. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} (got ${JSON.stringify(env[name])})`);
  }
  const e = parsed.data;
  const storage = e.STORAGE ?? (e.DATABASE_URL ? 'postgres' : 'embedded');
  if (storage === 'postgres' && !e.DATABASE_URL)
    throw new ConfigError('Invalid configuration: DATABASE_URL is required when STORAGE=postgres');
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET)
    throw new ConfigError('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  return {
    port: e.PORT,
    host: e.HOST,
    jwtSecret: e.JWT_SECRET ?? DEV_JWT_SECRET,
    usesDevSecret: !e.JWT_SECRET,
    directoryFile: e.DIRECTORY_FILE,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    storage,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    poolMax: e.DATABASE_POOL_MAX,
    watcherIntervalMs: e.WATCHER_INTERVAL_MS,
  };
};
