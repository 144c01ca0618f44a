import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { RateLimitSettings } from './adapters/http/rate-limit.js';

export const DEV_JWT_SECRET = 'watch-together-local-dev-secret-do-not-use-in-production';
/** How long the dev tokens `npm start` prints and the web page's "sign in as" hands out stay valid. */
export const DEV_TOKEN_TTL_SECONDS = 24 * 60 * 60;

/** The demo data shipped with the package, found from src/ (tsx) and dist/ alike, whatever the working folder. */
export const DEMO_DIRECTORY_FILE = fileURLToPath(new URL('../demo/directory.json', import.meta.url));

/** Values never printed, not even in the line that says they are wrong. */
const SECRETS = new Set(['JWT_SECRET', 'INVITE_SECRET']);
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' });
const milliseconds = z.coerce.number({ error: 'must be a number of milliseconds' }).int();

const Env = z.object({
  PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).default(8080),
  HOST: z.string().min(1).optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  INVITE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DIRECTORY_FILE: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  PUBLIC_BASE_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  STORAGE: z.enum(['embedded', 'postgres', 'memory'], { error: 'must be embedded, postgres or memory' }).optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  READ_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  READ_WAIT_MS: milliseconds.min(0).max(10_000).default(100),
  DATABASE_POOL_MAX: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(200).default(10),
  DETAIL_CACHE_SIZE: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(1_000_000).optional(),
  SEARCH_CACHE_SIZE: z.coerce.number({ error: 'must be a whole number' }).int().min(0).max(1_000_000).optional(),
  WATCHER_INTERVAL_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(0).default(30_000),
  ROLE: z.enum(['all', 'api', 'worker'], { error: 'must be all, api or worker' }).default('all'),
  NOTIFY_URL: z.url({ error: 'must be an absolute URL' }).optional(),
  AMQP_URL: z.string().regex(/^amqps?:\/\//, 'must be an amqp:// or amqps:// URL').optional(),
  DELIVERY_TIMEOUT_MS: milliseconds.min(100).default(5_000),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(100).default(10),
  DELIVERY_BATCH_SIZE: z.coerce.number({ error: 'must be a whole number' }).int().min(1).max(1000).default(50),
  DISPATCH_INTERVAL_MS: milliseconds.min(10).default(500),
  USERS_URL: httpUrl.optional(),
  MOVIES_URL: httpUrl.optional(),
  SHORTENER_URL: httpUrl.optional(),
  JWKS_URL: httpUrl.optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  NEIGHBOUR_TIMEOUT_MS: milliseconds.min(50).max(30_000).default(1_000),
  REMINDER_INTERVAL_MS: milliseconds.min(100).max(30_000, 'must be at most 30000: reminders go out within 30 s of their moment').default(10_000),
  NODE_ENV: z.string().optional(),
  CHECK_ANSWERS: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  CORS_ORIGINS: z.string().optional(),
  METRICS_PORT: z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(1).max(65535).optional(),
  MIGRATE_AT_START: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  RATE_LIMIT_WRITES: z.coerce.number({ error: 'must be a whole number' }).int().min(0).default(100),
  RATE_LIMIT_ANONYMOUS: z.coerce.number({ error: 'must be a whole number' }).int().min(0).default(300),
  RATE_LIMIT_WINDOW_S: z.coerce.number({ error: 'must be a whole number of seconds' }).int().min(1).max(86_400).default(60),
});

/** An origin as a browser sends it: scheme, host and port, nothing after. */
const ORIGIN = /^https?:\/\/[^/\s]+$/;

export type Config = {
  readonly port: number;
  readonly host: string;
  /** The HS256 secret: JWT_SECRET, or the dev secret when neither JWT_SECRET nor JWKS_URL is set; none with JWKS_URL alone. */
  readonly jwtSecret?: string;
  readonly usesDevSecret: boolean;
  /** I1: the key invite links' tokens are derived with: INVITE_SECRET, else the HS256 secret. */
  readonly inviteSecret: string;
  readonly directoryFile: string;
  readonly dataDir: string;
  readonly logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  readonly publicBaseUrl: string;
  /** embedded: PGlite in dataDir; postgres: the server at databaseUrl; memory: nothing kept. */
  readonly storage: 'embedded' | 'postgres' | 'memory';
  readonly databaseUrl?: string;
  /**
   * A streaming replica of DATABASE_URL for searches and detail reads; a read sent with
   * `WT-Read-After` waits up to `readWaitMs` for the replica to have replayed that far, then
   * reads on the primary.
   */
  readonly readDatabaseUrl?: string;
  readonly readWaitMs: number;
  readonly poolMax: number;
  /** Detail reads each process keeps, answered once the database says they are current (pg-detail-cache.ts); 0: none; unset: the storage's default. */
  readonly detailCacheSize?: number;
  /** Search pages each process keeps, answered once the database says nothing could have changed them (pg-search-cache.ts); 0: none; unset: the storage's default. */
  readonly searchCacheSize?: number;
  readonly watcherIntervalMs: number;
  /** api: HTTP only; worker: dispatcher, reminders and watcher (and health/metrics); all: both in one process. */
  readonly role: 'all' | 'api' | 'worker';
  readonly notifyUrl?: string;
  readonly amqpUrl?: string;
  readonly delivery: { readonly timeoutMs: number; readonly maxAttempts: number; readonly batchSize: number; readonly intervalMs: number };
  readonly reminderIntervalMs: number;
  /** Each neighbour of RULES §7 whose URL is set is called over HTTP; the others are embedded. */
  readonly neighbours: Neighbours;
  /** Every answer checked against its documented schema and codes (tests: a mismatch becomes a 500). */
  readonly checkAnswers?: boolean;
  /** When set, /metrics is served on this port alone (same HOST), not on the API's. */
  readonly metricsPort?: number;
  /** A database server is migrated by `npm run migrate`; true: by each process at start instead (one server, no deploy step). */
  readonly migrateAtStart: boolean;
  /** Origins whose pages may call the API from a browser (CORS); `*` for any; none by default. */
  readonly corsOrigins: readonly string[];
  /** Writes per user and anonymous requests per address, per window; 0 turns a limit off. */
  readonly rateLimits: RateLimitSettings;
};

export type Neighbours = {
  readonly usersUrl?: string;
  readonly moviesUrl?: string;
  readonly shortenerUrl?: string;
  readonly jwksUrl?: string;
  /** Checked on tokens verified against JWKS_URL. */
  readonly jwtIssuer?: string;
  readonly jwtAudience?: string;
  readonly timeoutMs: number;
};

export class ConfigError extends Error {}

const shown = (name: string, value: string | undefined): string => {
  if (SECRETS.has(name)) return `(${value?.length ?? 0} characters, not shown)`;
  return `(got ${JSON.stringify(value?.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@'))})`;
};

/** Reads the environment; a bad value stops start-up with one line naming it. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = Env.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? '?');
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message} ${shown(name, env[name])}`);
  }
  const e = parsed.data;
  const storage = e.STORAGE ?? (e.DATABASE_URL ? 'postgres' : 'embedded');
  if (storage === 'postgres' && !e.DATABASE_URL)
    throw new ConfigError('Invalid configuration: DATABASE_URL is required when STORAGE=postgres');
  if (!e.INVITE_SECRET && !e.JWT_SECRET && e.JWKS_URL)
    throw new ConfigError('Invalid configuration: INVITE_SECRET (≥ 32 characters) is required with JWKS_URL alone: invite links are derived with it');
  if (e.NODE_ENV === 'production' && !e.JWT_SECRET && !e.JWKS_URL)
    throw new ConfigError('Invalid configuration: JWT_SECRET or JWKS_URL is required when NODE_ENV=production');
  for (const claim of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const)
    if (e[claim] && !e.JWKS_URL) throw new ConfigError(`Invalid configuration: ${claim} is checked on tokens from JWKS_URL: set JWKS_URL too`);
  if (e.READ_DATABASE_URL && storage !== 'postgres')
    throw new ConfigError(`Invalid configuration: READ_DATABASE_URL is a replica of DATABASE_URL's server: set DATABASE_URL too (storage is ${storage})`);
  if (e.NOTIFY_URL && e.AMQP_URL)
    throw new ConfigError('Invalid configuration: NOTIFY_URL and AMQP_URL are both set: notifications go to one service, choose one');
  if (e.ROLE !== 'all' && storage !== 'postgres')
    throw new ConfigError(`Invalid configuration: ROLE=${e.ROLE} needs DATABASE_URL: the ${storage} database belongs to one process, ` +
      'so its API and worker run together (ROLE=all)');
  const corsOrigins = (e.CORS_ORIGINS ?? '').split(',').map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
  const badOrigin = corsOrigins.find((o) => o !== '*' && !ORIGIN.test(o));
  if (badOrigin !== undefined)
    throw new ConfigError(`Invalid configuration: CORS_ORIGINS takes origins like https://cinema.example, comma-separated, or * (got ${JSON.stringify(badOrigin)})`);
  // With the dev secret written in the source, anyone who reaches the port can mint any user's token.
  const usesDevSecret = !e.JWT_SECRET && !e.JWKS_URL;
  if (usesDevSecret && e.HOST !== undefined && !LOOPBACK.test(e.HOST))
    throw new ConfigError(`Invalid configuration: HOST ${e.HOST} needs JWT_SECRET (≥ 32 characters) or JWKS_URL: with the built-in dev secret ` +
      'anyone could mint tokens, so the API listens on loopback only');
  return {
    port: e.PORT,
    host: e.HOST ?? (usesDevSecret ? '127.0.0.1' : '0.0.0.0'),
    ...(usesDevSecret ? { jwtSecret: DEV_JWT_SECRET } : e.JWT_SECRET ? { jwtSecret: e.JWT_SECRET } : {}),
    usesDevSecret,
    inviteSecret: e.INVITE_SECRET ?? e.JWT_SECRET ?? DEV_JWT_SECRET,
    directoryFile: e.DIRECTORY_FILE ?? DEMO_DIRECTORY_FILE,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    storage,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    ...(e.READ_DATABASE_URL ? { readDatabaseUrl: e.READ_DATABASE_URL } : {}),
    readWaitMs: e.READ_WAIT_MS,
    poolMax: e.DATABASE_POOL_MAX,
    ...(e.DETAIL_CACHE_SIZE === undefined ? {} : { detailCacheSize: e.DETAIL_CACHE_SIZE }),
    ...(e.SEARCH_CACHE_SIZE === undefined ? {} : { searchCacheSize: e.SEARCH_CACHE_SIZE }),
    watcherIntervalMs: e.WATCHER_INTERVAL_MS,
    role: e.ROLE,
    ...(e.NOTIFY_URL ? { notifyUrl: e.NOTIFY_URL } : {}),
    ...(e.AMQP_URL ? { amqpUrl: e.AMQP_URL } : {}),
    delivery: { timeoutMs: e.DELIVERY_TIMEOUT_MS, maxAttempts: e.DELIVERY_MAX_ATTEMPTS, batchSize: e.DELIVERY_BATCH_SIZE, intervalMs: e.DISPATCH_INTERVAL_MS },
    reminderIntervalMs: e.REMINDER_INTERVAL_MS,
    ...(e.CHECK_ANSWERS === 'true' ? { checkAnswers: true } : {}),
    migrateAtStart: e.MIGRATE_AT_START === 'true',
    ...(e.METRICS_PORT !== undefined ? { metricsPort: e.METRICS_PORT } : {}),
    corsOrigins,
    rateLimits: {
      writes: { points: e.RATE_LIMIT_WRITES, windowSeconds: e.RATE_LIMIT_WINDOW_S },
      anonymous: { points: e.RATE_LIMIT_ANONYMOUS, windowSeconds: e.RATE_LIMIT_WINDOW_S },
    },
    neighbours: {
      ...(e.USERS_URL ? { usersUrl: e.USERS_URL } : {}),
      ...(e.MOVIES_URL ? { moviesUrl: e.MOVIES_URL } : {}),
      ...(e.SHORTENER_URL ? { shortenerUrl: e.SHORTENER_URL } : {}),
      ...(e.JWKS_URL ? { jwksUrl: e.JWKS_URL } : {}),
      ...(e.JWT_ISSUER ? { jwtIssuer: e.JWT_ISSUER } : {}),
      ...(e.JWT_AUDIENCE ? { jwtAudience: e.JWT_AUDIENCE } : {}),
      timeoutMs: e.NEIGHBOUR_TIMEOUT_MS,
    },
  };
};
