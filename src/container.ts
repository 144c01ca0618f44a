import 'reflect-metadata';
import { Container, type ServiceIdentifier } from 'inversify';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  createCore,
  type AccessTokens, type AnnouncementSearch, type BookingQueries, type CalendarFeeds, type Clock, type CompleteEndedAnnouncements, type Core, type ExpireWaitlists,
  type DeliverNotifications, type DeliverySettings, type FilmCatalog, type IdempotencyStore, type IdGenerator, type Inbox, type LinkShortener,
  type NotificationSender, type OutboxDelivery, type RandomSource, type RatingReader, type ReminderQueries, type SendDueReminders,
  type ShortLinkTargets, type UnitOfWork, type UserDirectory,
} from './application/index.js';
import { DEFAULT_RETRY_POLICY } from './domain/index.js';
import { AccessTokensByAlgorithm } from './adapters/auth/access-tokens-by-algorithm.js';
import { CachedAccessTokens } from './adapters/auth/cached-access-tokens.js';
import { Hs256AccessTokens } from './adapters/auth/hs256-access-tokens.js';
import { JwksAccessTokens } from './adapters/auth/jwks-access-tokens.js';
import type { MemoryDirectory } from './adapters/memory/memory-directory.js';
import { createHttpApp } from './adapters/http/app.js';
import { rateLimiter } from './adapters/http/rate-limit.js';
import { readinessOf } from './adapters/http/readiness.js';
import type { UseCases } from './adapters/http/use-cases.js';
import { createMetricsRegistry } from './adapters/http/observability.js';
import { EmbeddedLinkShortener } from './adapters/links/embedded-link-shortener.js';
import { HttpFilmCatalog } from './adapters/neighbours/http-film-catalog.js';
import { HttpLinkShortener } from './adapters/neighbours/http-link-shortener.js';
import { HttpUserDirectory } from './adapters/neighbours/http-user-directory.js';
import { DEFAULT_NEIGHBOUR_SETTINGS, NeighbourClient, NeighbourMetrics, type NeighbourName } from './adapters/neighbours/neighbour-client.js';
import { AmqpNotificationSender } from './adapters/notifications/amqp-notification-sender.js';
import { HttpNotificationSender } from './adapters/notifications/http-notification-sender.js';
import { InboxSender } from './adapters/notifications/inbox-sender.js';
import { HmacInviteTokens } from './adapters/system/invite-tokens.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { PackagedTimeZones } from './adapters/system/tz-lookup.js';
import { SystemRandom } from './adapters/system/system-random.js';
import { UuidV7Generator } from './adapters/system/uuid-v7-generator.js';
import { DeliveryMetrics } from './adapters/worker/delivery-metrics.js';
import type { Job } from './adapters/worker/periodic-jobs.js';
import { workerJobs } from './adapters/worker/worker-jobs.js';
import { DEV_TOKEN_TTL_SECONDS, type Config } from './config.js';
import type { Storage } from './storage/storage.js';

/** A service identifier that carries the type bound to it, so a wrong dependency fails to compile. */
export type Token<T> = symbol & { readonly __bound?: T };
const token = <T>(description: string): Token<T> => Symbol(description);

/** Every port of the core and every piece built on them, by the token a test or a deployment may rebind. */
export const TOKENS = {
  config: token<Config>('Config'),
  logger: token<Logger>('Logger'),
  storage: token<Storage>('Storage'),
  metrics: token<Registry>('Registry'),
  directory: token<MemoryDirectory>('MemoryDirectory'),
  /** HS256 tokens with the configured secret; null when only JWKS_URL is set. */
  devTokens: token<Hs256AccessTokens | null>('Hs256AccessTokens'),
  neighbourMetrics: token<NeighbourMetrics>('NeighbourMetrics'),
  // Ports of the core.
  clock: token<Clock>('Clock'),
  ids: token<IdGenerator>('IdGenerator'),
  random: token<RandomSource>('RandomSource'),
  sender: token<NotificationSender>('NotificationSender'),
  users: token<UserDirectory>('UserDirectory'),
  films: token<FilmCatalog>('FilmCatalog'),
  links: token<LinkShortener>('LinkShortener'),
  accessTokens: token<AccessTokens>('AccessTokens'),
  unitOfWork: token<UnitOfWork>('UnitOfWork'),
  search: token<AnnouncementSearch>('AnnouncementSearch'),
  bookingQueries: token<BookingQueries>('BookingQueries'),
  inbox: token<Inbox>('Inbox'),
  ratings: token<RatingReader>('RatingReader'),
  idempotency: token<IdempotencyStore>('IdempotencyStore'),
  linkTargets: token<ShortLinkTargets>('ShortLinkTargets'),
  outboxDelivery: token<OutboxDelivery>('OutboxDelivery'),
  reminderQueries: token<ReminderQueries>('ReminderQueries'),
  calendarFeeds: token<CalendarFeeds>('CalendarFeeds'),
  // The core, and the parts of it the worker runs.
  core: token<Core>('Core'),
  completeEndedAnnouncements: token<CompleteEndedAnnouncements>('CompleteEndedAnnouncements'),
  expireWaitlists: token<ExpireWaitlists>('ExpireWaitlists'),
  deliverNotifications: token<DeliverNotifications>('DeliverNotifications'),
  sendDueReminders: token<SendDueReminders>('SendDueReminders'),
  useCases: token<UseCases>('UseCases'),
  httpApp: token<Koa>('HttpApp'),
  deliveryMetrics: token<DeliveryMetrics>('DeliveryMetrics'),
  workerJobs: token<readonly Job[]>('WorkerJobs'),
} as const;

type Tokens<A extends readonly unknown[]> = { readonly [K in keyof A]: Token<A[K]> };

/** What /readyz asks: the database; the broker where this process delivers; each neighbour's breaker (reported, not failed on). */
const readinessFor = (cfg: Config, storage: Storage, sender: NotificationSender, neighbours: NeighbourMetrics) => () => readinessOf([
  { name: 'database', required: true, check: async () => ((await storage.readiness()) ? null : 'cannot be reached') },
  ...(cfg.role !== 'api' && sender instanceof AmqpNotificationSender ? [{ name: 'broker', required: true, check: () => sender.probe() }] : []),
  ...[...neighbours.breakers].map(([name, state]) => ({ name, required: false, check: async () => (state() === 'closed' ? null : `circuit breaker ${state()}`) })),
])();

/** Binds `id` to `build` applied to what `deps` resolve to; the container decides when, once (singleton). */
const provide = <T, A extends unknown[]>(container: Container, id: Token<T>, deps: Tokens<A>, build: (...args: A) => T): void => {
  container.bind<T>(id as ServiceIdentifier<T>).toResolvedValue(build, deps as never).inSingletonScope();
};

const constant = <T>(container: Container, id: Token<T>, value: T): void => {
  container.bind<T>(id).toConstantValue(value);
};

export const resolve = <T>(container: Container, id: Token<T>): T => container.get<T>(id);

/** NOTIFY_URL or AMQP_URL picks the notification service; with neither, the inbox is the delivery. */
const senderFor = (config: Config, logger: Logger): NotificationSender => {
  if (config.notifyUrl) return new HttpNotificationSender(config.notifyUrl, { timeoutMs: config.delivery.timeoutMs, concurrency: HTTP_CONCURRENCY });
  if (config.amqpUrl) return new AmqpNotificationSender(config.amqpUrl, logger, config.delivery.timeoutMs);
  return new InboxSender();
};

const HTTP_CONCURRENCY = 8;

/** The neighbour's HTTP client when its URL is set; otherwise the embedded adapter serves. */
const overHttp = (name: NeighbourName, url: string | undefined, config: Config, metrics: NeighbourMetrics): NeighbourClient | null =>
  url ? new NeighbourClient(name, url, { ...DEFAULT_NEIGHBOUR_SETTINGS, timeoutMs: config.neighbours.timeoutMs }, metrics) : null;

const accessTokensFor = (config: Config, hs256: Hs256AccessTokens | null, metrics: NeighbourMetrics): AccessTokens => {
  const { jwksUrl, jwtIssuer, jwtAudience, timeoutMs } = config.neighbours;
  const jwks = jwksUrl
    ? new JwksAccessTokens({ url: jwksUrl, timeoutMs, ...(jwtIssuer ? { issuer: jwtIssuer } : {}), ...(jwtAudience ? { audience: jwtAudience } : {}) }, metrics)
    : undefined;
  return new CachedAccessTokens(new AccessTokensByAlgorithm({ ...(hs256 ? { hs256 } : {}), ...(jwks ? { jwks } : {}) }));
};

/**
 * The lease is twice the slowest a batch can take (every request of it timing out, HTTP_CONCURRENCY
 * at a time) plus a second: a live dispatcher always records its batch first, and a dead one's
 * batch is due again soon after (71 s with the defaults).
 */
export const deliverySettings = (config: Config): DeliverySettings => ({
  retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: config.delivery.maxAttempts },
  batchSize: config.delivery.batchSize,
  leaseMs: 2 * Math.ceil(config.delivery.batchSize / HTTP_CONCURRENCY) * config.delivery.timeoutMs + 1_000,
});

/** The demo directory's users and films offered on the web page's sign-in and announce form. */
const DEMO_SIGN_IN_USERS = 10;
const DEMO_FILMS = 50;

/** What is opened before the container: files read and storage migrated, so bindings stay synchronous. */
export type Opened = { readonly config: Config; readonly logger: Logger; readonly storage: Storage; readonly directory: MemoryDirectory };

/**
 * The composition root: each port bound to its adapter by token, each use case built by the
 * container from the tokens it depends on. Nothing is resolved here, so a test or a deployment
 * may `rebind` any token before the service is resolved (`compose` in main.ts).
 */
export const createContainer = ({ config, logger, storage, directory }: Opened): Container => {
  const c = new Container();
  const T = TOKENS;
  constant(c, T.config, config);
  constant(c, T.logger, logger);
  constant(c, T.storage, storage);
  constant(c, T.directory, directory);
  provide(c, T.metrics, [], () => createMetricsRegistry());

  // Neighbours and system ports.
  provide(c, T.clock, [], () => new SystemClock());
  provide(c, T.ids, [], () => new UuidV7Generator());
  provide(c, T.random, [], () => new SystemRandom());
  provide(c, T.sender, [T.config, T.logger], (cfg, log) => senderFor(cfg, log));
  provide(c, T.neighbourMetrics, [T.metrics], (registry) => new NeighbourMetrics(registry));
  provide(c, T.users, [T.directory, T.config, T.neighbourMetrics], (d, cfg, metrics) => {
    const client = overHttp('users', cfg.neighbours.usersUrl, cfg, metrics);
    return client ? new HttpUserDirectory(client) : d;
  });
  provide(c, T.films, [T.directory, T.config, T.neighbourMetrics], (d, cfg, metrics) => {
    const client = overHttp('films', cfg.neighbours.moviesUrl, cfg, metrics);
    return client ? new HttpFilmCatalog(client) : d;
  });
  provide(c, T.links, [T.config, T.neighbourMetrics], (cfg, metrics) => {
    const own = new EmbeddedLinkShortener(cfg.publicBaseUrl);
    const client = overHttp('shortener', cfg.neighbours.shortenerUrl, cfg, metrics);
    return client ? new HttpLinkShortener(client, own) : own;
  });
  provide(c, T.devTokens, [T.config], (cfg) => (cfg.jwtSecret ? new Hs256AccessTokens(cfg.jwtSecret) : null));
  provide(c, T.accessTokens, [T.config, T.devTokens, T.neighbourMetrics], accessTokensFor);
  // Storage ports, all from the one backend the configuration chose.
  provide(c, T.unitOfWork, [T.storage], (s) => s.uow);
  provide(c, T.search, [T.storage], (s) => s.search);
  provide(c, T.bookingQueries, [T.storage], (s) => s.bookingQueries);
  provide(c, T.inbox, [T.storage], (s) => s.inbox);
  provide(c, T.ratings, [T.storage], (s) => s.ratings);
  provide(c, T.idempotency, [T.storage], (s) => s.idempotency);
  provide(c, T.linkTargets, [T.storage], (s) => s.links);
  provide(c, T.outboxDelivery, [T.storage], (s) => s.outboxDelivery);
  provide(c, T.reminderQueries, [T.storage], (s) => s.reminders);
  provide(c, T.calendarFeeds, [T.storage], (s) => s.calendarFeeds);

  // The core.
  provide(c, T.core,
    [T.unitOfWork, T.search, T.bookingQueries, T.inbox, T.ratings, T.idempotency, T.linkTargets, T.outboxDelivery, T.reminderQueries, T.calendarFeeds,
      T.users, T.films, T.links, T.clock, T.ids, T.sender, T.random, T.config],
    (uow, search, bookingQueries, inbox, ratings, idempotency, linkTargets, outboxDelivery, reminders, calendarFeeds, users, films, links, clock, ids, sender, random, cfg) =>
      createCore({
        uow, search, bookingQueries, inbox, ratings, idempotency, links: linkTargets, outboxDelivery, reminders, calendarFeeds,
        users, films, shortener: links, clock, ids, publicBaseUrl: cfg.publicBaseUrl, delivery: { sender, random, settings: deliverySettings(cfg) },
        inviteTokens: new HmacInviteTokens(cfg.inviteSecret), timeZones: new PackagedTimeZones(),
      }));
  provide(c, T.completeEndedAnnouncements, [T.core], (core) => core.completeEndedAnnouncements);
  provide(c, T.expireWaitlists, [T.core], (core) => core.expireWaitlists);
  provide(c, T.sendDueReminders, [T.core], (core) => core.sendDueReminders);
  provide(c, T.deliverNotifications, [T.core], (core) => core.deliverNotifications!);

  // The worker role.
  provide(c, T.deliveryMetrics, [T.metrics, T.sender, T.outboxDelivery, T.clock],
    (registry, sender, outbox, clock) => new DeliveryMetrics(registry, sender.name, outbox, () => clock.now()));
  provide(c, T.workerJobs, [T.deliverNotifications, T.sendDueReminders, T.completeEndedAnnouncements, T.expireWaitlists, T.deliveryMetrics, T.logger, T.config],
    (deliver, reminders, watcher, waitlists, metrics, log, cfg) => workerJobs({
      deliver, reminders, watcher, waitlists, metrics, logger: log, batchSize: cfg.delivery.batchSize,
      intervals: { dispatchMs: cfg.delivery.intervalMs, reminderMs: cfg.reminderIntervalMs, watcherMs: cfg.watcherIntervalMs },
    }));

  // The HTTP driver.
  provide(c, T.useCases, [T.core], (core) => core);
  provide(c, T.httpApp, [T.useCases, T.accessTokens, T.idempotency, T.clock, T.linkTargets, T.storage, T.logger, T.config, T.metrics, T.directory, T.devTokens,
    T.sender, T.neighbourMetrics],
    (useCases, tokens, idempotency, clock, shortLinks, storage, log, cfg, metrics, directory, devTokens, sender, neighbours) => createHttpApp({
      useCases, tokens, idempotency, clock, shortLinks, publicBaseUrl: cfg.publicBaseUrl, readiness: readinessFor(cfg, storage, sender, neighbours), logger: log,
      version: process.env.npm_package_version ?? '0.1.0', metrics, withApi: cfg.role !== 'worker', checkAnswers: cfg.checkAnswers ?? false,
      corsOrigins: cfg.corsOrigins,
      ...(storage.readPositions ? { readPositions: storage.readPositions } : {}),
      metricsHere: cfg.metricsPort === undefined,
      limits: {
        writes: rateLimiter('writes', cfg.rateLimits.writes, storage.sharedPool),
        anonymous: rateLimiter('anonymous', cfg.rateLimits.anonymous, storage.sharedPool),
      },
      // "Sign in as" a demo user: only where anyone may mint tokens anyway (the dev secret) and the users are the embedded directory.
      signIn: cfg.usesDevSecret && devTokens && !cfg.neighbours.usersUrl
        ? async () => ({
          users: await Promise.all(directory.sampleUsers(DEMO_SIGN_IN_USERS).map(async (u) => ({ ...u, token: await devTokens.issue(u.id, DEV_TOKEN_TTL_SECONDS) }))),
          // Films to pick from when the catalogue is the embedded one; a film service is asked by id alone.
          films: cfg.neighbours.moviesUrl ? [] : directory.sampleFilms(DEMO_FILMS).map(({ id, title }) => ({ id, title })),
        })
        : null,
    }));
  return c;
};
