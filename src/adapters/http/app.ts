import Koa from 'koa';
import type { Registry } from 'prom-client';
import type { Logger } from 'pino';
import type { LinkTarget, ReadPositions, ShortLinkTargets } from '../../application/index.js';
import { checkAnswers } from './answer-check.js';
import type { ReadinessReport } from './readiness.js';
import { corsFor } from './cors.js';
import { readAfter } from './read-after.js';
import { docsPage } from './docs-page.js';
import { problems } from './errors.middleware.js';
import { HttpMetrics, observe } from './observability.js';
import { openApiDocument } from './openapi.js';
import { apiRouter, type RouterDeps } from './router.js';
import { announcementRoutes } from './routes/announcement.routes.js';
import { bookingRoutes } from './routes/booking.routes.js';
import { inboxRoutes } from './routes/inbox.routes.js';
import { ratingRoutes } from './routes/rating.routes.js';
import { safetyRoutes } from './routes/safety.routes.js';
import { filmRoutes } from './routes/film.routes.js';
import { invitationRoutes } from './routes/invitation.routes.js';
import { scheduleRoutes } from './routes/schedule.routes.js';
import { serviceRouter, type ServiceDeps } from './service.routes.js';
import type { UseCases } from './use-cases.js';
import { webClient } from './web-client.js';

export const API_PREFIX = '/api/v1';

export type HttpAppDeps = RouterDeps & {
  readonly useCases: UseCases;
  readonly shortLinks: ShortLinkTargets;
  /** Where links lead: `GET /s/{code}` redirects under this base. */
  readonly publicBaseUrl: string;
  readonly readiness: () => Promise<ReadinessReport>;
  readonly logger: Logger;
  readonly version: string;
  readonly metrics: Registry;
  /** false in the worker role: health, readiness and metrics only. */
  readonly withApi: boolean;
  readonly signIn?: ServiceDeps['signIn'];
  /** Hold every answer to its documented schema and codes (tests; answer-check.ts). */
  readonly checkAnswers?: boolean;
  readonly corsOrigins: readonly string[];
  /** With a read replica: the position a write's answer carries (read-after.ts). */
  readonly readPositions?: ReadPositions;
  /** false when /metrics is served on a port of its own. */
  readonly metricsHere?: boolean;
};

export const createHttpApp = (deps: HttpAppDeps): Koa => {
  const metrics = new HttpMetrics(deps.metrics);
  const routes = deps.withApi ? [
    ...announcementRoutes(deps.useCases), ...bookingRoutes(deps.useCases), ...ratingRoutes(deps.useCases),
    ...scheduleRoutes(deps.useCases, { publicBaseUrl: deps.publicBaseUrl }), ...inboxRoutes(deps.useCases), ...safetyRoutes(deps.useCases), ...invitationRoutes(deps.useCases), ...filmRoutes(deps.useCases),
  ] : [];
  // Rebuilt once a day: its examples start "in the coming days".
  let document: { day: string; body: Record<string, unknown> } | undefined;
  const openApi = () => {
    const now = deps.clock.now();
    const day = now.toISOString().slice(0, 10);
    if (document?.day !== day) document = { day, body: openApiDocument(routes, { title: 'Watch Together API', version: deps.version }, now) };
    return document.body;
  };
  const service = {
    readiness: deps.readiness, metrics, metricsHere: deps.metricsHere ?? true, openApi, shortLinks: deps.shortLinks, publicBaseUrl: deps.publicBaseUrl,
    preview: (target: LinkTarget) => deps.useCases.linkPreview.of(target),
    signIn: deps.signIn ?? null,
  };

  const app = new Koa();
  app.use(observe(deps.logger, metrics));
  if (deps.checkAnswers) app.use(checkAnswers(routes, deps.logger));
  app.use(problems(deps.logger));
  const crossOrigin = corsFor(deps.corsOrigins, API_PREFIX);
  if (crossOrigin) app.use(crossOrigin);
  app.use(readAfter(deps.readPositions));
  if (deps.withApi) {
    app.use(docsPage(''));
    app.use(docsPage(API_PREFIX));
    app.use(webClient());
  }
  for (const router of [apiRouter(API_PREFIX, routes, deps), serviceRouter('', service), serviceRouter(API_PREFIX, service)]) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: true }));
  }
  return app;
};
