import 'reflect-metadata';
import { createServer, type Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Container, type ResolutionContext, type ServiceIdentifier } from 'inversify';
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import {
  AnnouncementAccess, AnnouncementDetails, CancelAnnouncement, ChangeBookingStatus, CompleteEndedAnnouncements,
  CreateAnnouncement, CreateBooking, GetAnnouncement, GetBooking, ListAnnouncementBookings, ListMyBookings,
  HostChanges, NotificationComposer, People, ReadInbox, SearchAnnouncements, UpdateAnnouncement,
  type Clock, type FilmCatalog, type IdGenerator, type UserDirectory,
} from './application/index.js';
import { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import { EmbeddedDirectory } from './adapters/directory/embedded-directory.js';
import { EmbeddedLinkShortener } from './adapters/links/embedded-link-shortener.js';
import { createHttpApp } from './adapters/http/app.js';
import { startingApp } from './adapters/http/starting-app.js';
import { StartupError } from './adapters/startup-error.js';
import type { UseCases } from './adapters/http/use-cases.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { UuidV7Generator } from './adapters/system/uuid-v7-generator.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openStorage } from './storage/open-storage.js';
import type { Storage } from './storage/storage.js';
import { printBanner } from './banner.js';

export const TOKENS = {
  clock: Symbol('Clock'), ids: Symbol('IdGenerator'),
  directory: Symbol('EmbeddedDirectory'), users: Symbol('UserDirectory'), films: Symbol('FilmCatalog'),
  useCases: Symbol('UseCases'),
  access: Symbol('AnnouncementAccess'), people: Symbol('People'), composer: Symbol('NotificationComposer'),
  details: Symbol('AnnouncementDetails'), watcher: Symbol('CompleteEndedAnnouncements'),
} as const;

export type Overrides = { readonly clock?: Clock; readonly storage?: Storage; readonly logger?: Logger };

export const createLogger = (config: Pick<Config, 'logLevel'>): Logger =>
  pino({ level: config.logLevel, base: { service: 'watch-together' } });

export type Service = {
  readonly app: Koa;
  readonly useCases: UseCases;
  readonly config: Config;
  readonly logger: Logger;
  readonly directory: EmbeddedDirectory;
  readonly tokens: Hs256AccessTokens;
  readonly storage: Storage;
  readonly watcher: CompleteEndedAnnouncements;
  close(): Promise<void>;
};

const singleton = <T>(container: Container, token: ServiceIdentifier<T>, build: (c: ResolutionContext) => T): void => {
  container.bind<T>(token).toDynamicValue(build).inSingletonScope();
};

/** Wires adapters to ports from configuration. The core itself knows nothing of Inversify. */
export const compose = async (config: Config, overrides: Overrides = {}, signal?: AbortSignal): Promise<Service> => {
  const container = new Container();
  const logger = overrides.logger ?? createLogger(config);
  const directory = await EmbeddedDirectory.fromFile(config.directoryFile);
  const storage = overrides.storage ?? (await openStorage(config, logger, signal));

  container.bind(TOKENS.directory).toConstantValue(directory);
  container.bind<Clock>(TOKENS.clock).toConstantValue(overrides.clock ?? new SystemClock());
  singleton<IdGenerator>(container, TOKENS.ids, () => new UuidV7Generator());
  singleton<UserDirectory>(container, TOKENS.users, (c) => c.get(TOKENS.directory));
  singleton<FilmCatalog>(container, TOKENS.films, (c) => c.get(TOKENS.directory));
  const tokens = new Hs256AccessTokens(config.jwtSecret);
  const links = new EmbeddedLinkShortener(config.publicBaseUrl);

  const get = <T>(c: ResolutionContext, token: symbol): T => c.get<T>(token);
  singleton(container, TOKENS.people, (c) => new People(get(c, TOKENS.users), storage.ratings));
  singleton(container, TOKENS.access, (c) => new AnnouncementAccess(storage.uow.reads, get(c, TOKENS.users)));
  singleton(container, TOKENS.composer, (c) => new NotificationComposer(get(c, TOKENS.ids)));
  singleton(container, TOKENS.details, (c) => new AnnouncementDetails(storage.uow.reads, get(c, TOKENS.people)));
  singleton(container, TOKENS.watcher, (c) => new CompleteEndedAnnouncements(storage.uow, get(c, TOKENS.clock)));
  singleton<UseCases>(container, TOKENS.useCases, (c) => {
    const [clock, ids, people, access, composer, details] = [
      get<Clock>(c, TOKENS.clock), get<IdGenerator>(c, TOKENS.ids), get<People>(c, TOKENS.people),
      get<AnnouncementAccess>(c, TOKENS.access), get<NotificationComposer>(c, TOKENS.composer),
      get<AnnouncementDetails>(c, TOKENS.details),
    ];
    const { uow } = storage;
    const hostChanges = new HostChanges(uow, access, people, composer, clock, details);
    return {
      createAnnouncement: new CreateAnnouncement(uow, get(c, TOKENS.films), links, ids, clock, details),
      searchAnnouncements: new SearchAnnouncements(storage.search, get(c, TOKENS.users), people, clock),
      getAnnouncement: new GetAnnouncement(access, details),
      updateAnnouncement: new UpdateAnnouncement(hostChanges),
      cancelAnnouncement: new CancelAnnouncement(hostChanges),
      createBooking: new CreateBooking(uow, access, people, links, composer, ids, clock),
      listAnnouncementBookings: new ListAnnouncementBookings(uow.reads, access, people),
      listMyBookings: new ListMyBookings(storage.bookingQueries),
      getBooking: new GetBooking(uow.reads),
      changeBookingStatus: new ChangeBookingStatus(uow, people, composer, clock),
      readInbox: new ReadInbox(storage.inbox),
    };
  });

  const useCases = container.get<UseCases>(TOKENS.useCases);
  const app = createHttpApp({
    useCases,
    tokens,
    idempotency: storage.idempotency,
    clock: container.get<Clock>(TOKENS.clock),
    shortLinks: storage.links,
    publicBaseUrl: config.publicBaseUrl,
    readiness: () => storage.readiness(),
    logger,
    version: process.env.npm_package_version ?? '0.1.0',
  });
  return {
    app, useCases, config, logger, directory, storage, tokens,
    watcher: container.get<CompleteEndedAnnouncements>(TOKENS.watcher),
    close: () => storage.close(),
  };
};

const SHUTDOWN_GRACE_MS = 10_000;

/** One line on stderr, exit code 1: what an operator sees when the service cannot start. */
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

/** Binds the port, or says in one line why not. */
const listen = (server: Server, config: Config): Promise<void> =>
  new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(new StartupError(error.code === 'EADDRINUSE'
      ? `PORT ${config.port} on HOST ${config.host} is in use: stop the other process or set PORT to a free port.`
      : `Cannot listen on HOST ${config.host} PORT ${config.port} (${error.code}): set HOST and PORT to an address this machine has.`)));
    server.listen(config.port, config.host, () => resolve());
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
  let service: Service | undefined;
  const timers: NodeJS.Timeout[] = [];
  const stop = (signal: string): void => {
    logger.info({ signal }, 'shutting down');
    starting.abort();
    timers.forEach(clearInterval);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      void (service?.close() ?? Promise.resolve()).finally(() => process.exit(0));
    });
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
  const ready = service;
  if (config.watcherIntervalMs > 0)
    timers.push(setInterval(() => void ready.watcher.execute().catch((e: unknown) => logger.error({ err: e }, 'watcher failed')), config.watcherIntervalMs));
  await printBanner(ready);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await start();
