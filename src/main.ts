import 'reflect-metadata';
import type { Server } from 'node:http';
import { pathToFileURL } from 'node:url';
import { Container, type ResolutionContext, type ServiceIdentifier } from 'inversify';
import type Koa from 'koa';
import { pino, type Logger } from 'pino';
import {
  AnnouncementAccess, AnnouncementDetails, CancelAnnouncement, ChangeBookingStatus, CompleteEndedScreenings,
  CreateAnnouncement, CreateBooking, GetAnnouncement, GetBooking, ListAnnouncementBookings, ListMyBookings,
  HostChanges, NotificationComposer, People, ReadInbox, SearchAnnouncements, UpdateAnnouncement,
  type Clock, type FilmCatalog, type IdGenerator, type UserDirectory,
} from './application/index.js';
import { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import { EmbeddedDirectory } from './adapters/directory/embedded-directory.js';
import { createHttpApp } from './adapters/http/app.js';
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
  details: Symbol('AnnouncementDetails'), watcher: Symbol('CompleteEndedScreenings'),
} as const;

export type Overrides = { readonly clock?: Clock; readonly storage?: Storage };

export type Service = {
  readonly app: Koa;
  readonly useCases: UseCases;
  readonly config: Config;
  readonly logger: Logger;
  readonly directory: EmbeddedDirectory;
  readonly tokens: Hs256AccessTokens;
  readonly storage: Storage;
  readonly watcher: CompleteEndedScreenings;
  close(): Promise<void>;
};

const singleton = <T>(container: Container, token: ServiceIdentifier<T>, build: (c: ResolutionContext) => T): void => {
  container.bind<T>(token).toDynamicValue(build).inSingletonScope();
};

/** Wires adapters to ports from configuration. The core itself knows nothing of Inversify. */
export const compose = async (config: Config, overrides: Overrides = {}): Promise<Service> => {
  const container = new Container();
  const logger = pino({ level: config.logLevel, base: { service: 'watch-together' } });
  const directory = await EmbeddedDirectory.fromFile(config.directoryFile);
  const storage = overrides.storage ?? (await openStorage(config, logger));

  container.bind(TOKENS.directory).toConstantValue(directory);
  container.bind<Clock>(TOKENS.clock).toConstantValue(overrides.clock ?? new SystemClock());
  singleton<IdGenerator>(container, TOKENS.ids, () => new UuidV7Generator());
  singleton<UserDirectory>(container, TOKENS.users, (c) => c.get(TOKENS.directory));
  singleton<FilmCatalog>(container, TOKENS.films, (c) => c.get(TOKENS.directory));
  const tokens = new Hs256AccessTokens(config.jwtSecret);

  const get = <T>(c: ResolutionContext, token: symbol): T => c.get<T>(token);
  singleton(container, TOKENS.people, (c) => new People(get(c, TOKENS.users), storage.ratings));
  singleton(container, TOKENS.access, (c) => new AnnouncementAccess(storage.uow.reads, get(c, TOKENS.users)));
  singleton(container, TOKENS.composer, (c) => new NotificationComposer(get(c, TOKENS.ids)));
  singleton(container, TOKENS.details, (c) => new AnnouncementDetails(storage.uow.reads, get(c, TOKENS.people)));
  singleton(container, TOKENS.watcher, (c) => new CompleteEndedScreenings(storage.uow, get(c, TOKENS.clock)));
  singleton<UseCases>(container, TOKENS.useCases, (c) => {
    const [clock, ids, people, access, composer, details] = [
      get<Clock>(c, TOKENS.clock), get<IdGenerator>(c, TOKENS.ids), get<People>(c, TOKENS.people),
      get<AnnouncementAccess>(c, TOKENS.access), get<NotificationComposer>(c, TOKENS.composer),
      get<AnnouncementDetails>(c, TOKENS.details),
    ];
    const { uow } = storage;
    const hostChanges = new HostChanges(uow, access, people, composer, clock, details);
    return {
      createAnnouncement: new CreateAnnouncement(uow, get(c, TOKENS.films), storage.links, ids, clock, details),
      searchAnnouncements: new SearchAnnouncements(storage.search, get(c, TOKENS.users), people, clock),
      getAnnouncement: new GetAnnouncement(access, details),
      updateAnnouncement: new UpdateAnnouncement(hostChanges),
      cancelAnnouncement: new CancelAnnouncement(hostChanges),
      createBooking: new CreateBooking(uow, access, people, storage.links, composer, ids, clock),
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
    readiness: () => storage.readiness(),
    logger,
    version: process.env.npm_package_version ?? '0.1.0',
  });
  return {
    app, useCases, config, logger, directory, storage, tokens,
    watcher: container.get<CompleteEndedScreenings>(TOKENS.watcher),
    close: () => storage.close(),
  };
};

const SHUTDOWN_GRACE_MS = 10_000;

/** `npm start`: listen, run the watcher, stop cleanly on SIGTERM/SIGINT. */
export const start = async (): Promise<void> => {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const service = await compose(config);
  const server: Server = service.app.listen(config.port, config.host);
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const watcher = config.watcherIntervalMs > 0
    ? setInterval(() => void service.watcher.execute().catch((e: unknown) => service.logger.error({ err: e }, 'watcher failed')), config.watcherIntervalMs)
    : undefined;
  const stop = (signal: string): void => {
    service.logger.info({ signal }, 'shutting down');
    clearInterval(watcher);
    const force = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
    server.close(() => {
      clearTimeout(force);
      void service.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  await printBanner(service);
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await start();
