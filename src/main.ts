import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Container } from 'inversify';
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { CompleteEndedAnnouncements } from './application/index.js';
import type { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import { readDirectoryFile } from './adapters/directory/directory-file.js';
import type { MemoryDirectory } from './adapters/memory/memory-directory.js';
import { startingApp } from './adapters/http/starting-app.js';
import { PeriodicJobs, type Job } from './adapters/worker/periodic-jobs.js';
import type { UseCases } from './adapters/http/use-cases.js';
import { StartupError } from './adapters/startup-error.js';
import { printBanner } from './banner.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createContainer, resolve, TOKENS } from './container.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';

/**
 * Logs go to stdout asynchronously: a synchronous write per request blocked the event loop
 * (6 % of a read's CPU). pino flushes what is buffered when the process exits.
 */
export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, base: { service: 'watch-together' } }, pino.destination({ sync: false }));

/** The storage's own upkeep as a worker job; it never asks to run again at once. */
const upkeepJob = (upkeep: NonNullable<Storage['upkeep']>): Job => ({
  name: 'storage upkeep', intervalMs: upkeep.intervalMs, run: async () => { await upkeep.run(); return false; },
});

export type Overrides = {
  readonly logger?: Logger;
  /** Storage already open (tests); otherwise the configuration's, opened and migrated here. */
  readonly storage?: Storage;
  /** Runs before anything is resolved: rebind any token of `TOKENS` (a test's clock, a deployment's adapter). */
  readonly rebind?: (container: Container) => void;
};

export type Service = {
  readonly container: Container;
  readonly app: Koa;
  readonly useCases: UseCases;
  readonly config: Config;
  readonly logger: Logger;
  readonly directory: MemoryDirectory;
  /** Issues HS256 tokens with the configured secret; null when only JWKS_URL is set. */
  readonly tokens: Hs256AccessTokens | null;
  readonly storage: Storage;
  readonly watcher: CompleteEndedAnnouncements;
  /** The worker role's jobs (dispatcher, reminders, watcher); `start` runs them unless ROLE=api. */
  readonly jobs: readonly Job[];
  close(): Promise<void>;
};

/** Opens what the configuration names, builds the container, lets the caller rebind, and resolves the service. */
export const compose = async (config: Config, overrides: Overrides = {}, signal?: AbortSignal): Promise<Service> => {
  const logger = overrides.logger ?? createLogger(config);
  const directory = await readDirectoryFile(config.directoryFile);
  const storage = overrides.storage ?? (await openStorage(config, logger, signal));
  const container = createContainer({ config, logger, storage, directory });
  overrides.rebind?.(container);
  const get = <T>(token: Parameters<typeof resolve<T>>[1]) => resolve(container, token);
  return {
    container, config, logger, directory, storage,
    app: get(TOKENS.httpApp),
    useCases: get(TOKENS.useCases),
    tokens: get(TOKENS.devTokens),
    watcher: get(TOKENS.completeEndedAnnouncements),
    jobs: [...get(TOKENS.workerJobs), ...(storage.upkeep ? [upkeepJob(storage.upkeep)] : [])],
    async close() {
      await get(TOKENS.sender).close?.();
      await get(TOKENS.storage).close();
    },
  };
};

const SHUTDOWN_GRACE_MS = 10_000;

/** One line on stderr, exit code 1: what an operator sees when the service cannot start. */
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

/** Binds the port, or says in one line why not. */
const listen = (server: Server, config: Pick<Config, 'port' | 'host'>, setting = 'PORT'): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new StartupError(error.code === 'EADDRINUSE'
      ? `${setting} ${config.port} on HOST ${config.host} is in use: stop the other process or set ${setting} to a free port.`
      : `Cannot listen on HOST ${config.host} ${setting} ${config.port} (${error.code}): set HOST and ${setting} to an address this machine has.`)));
    server.listen(config.port, config.host, () => resolve());
  });

/** METRICS_PORT: Prometheus scrapes here, and the API's port does not show them. */
const metricsServer = (registry: Registry): Server => createServer((request, response) => {
  if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') return void response.writeHead(404).end();
  void registry.metrics().then((text) => response.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
    () => response.writeHead(500).end());
});

/**
 * `npm start`: listen at once (not ready until the database answers), then serve, run the
 * watcher, and stop cleanly on SIGTERM/SIGINT — also while still waiting for the database.
 */
export const start = async (): Promise<void> => {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return fail(error.message);
  }
  const logger = createLogger(config);
  // The port answers at once; the real app takes over once storage is ready.
  let handle = startingApp(logger).callback();
  const server = createServer((request, response) => void handle(request, response));
  const starting = new AbortController();
  const jobs = new PeriodicJobs(logger);
  let service: Service | undefined;
  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    starting.abort();
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    // Jobs first: a batch being delivered finishes and is recorded; nothing new is claimed.
    void jobs.stop().then(() => server.close(() => {
      clearTimeout(force);
      // pino flushes its asynchronous buffer synchronously on exit.
      void (service?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    }));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await listen(server, config);
    service = await compose(config, { logger }, starting.signal);
  } catch (error) {
    if (starting.signal.aborted) return;
    if (error instanceof StartupError) return fail(error.message);
    throw error;
  }
  handle = service.app.callback();
  if (config.metricsPort !== undefined) {
    try {
      await listen(metricsServer(resolve(service.container, TOKENS.metrics)), { ...config, port: config.metricsPort }, 'METRICS_PORT');
    } catch (error) {
      if (error instanceof StartupError) return fail(error.message);
      throw error;
    }
  }
  if (config.role !== 'api') jobs.start(service.jobs);
  await printBanner(service);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await start();
