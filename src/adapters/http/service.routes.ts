import Router from '@koa/router';
import type { GenericPreview, LinkTarget, PublicPreview, ShortLinkTargets } from '../../application/index.js';
import { previewPage, PREVIEW_CSP } from './link-preview-page.js';
import { sendProblem } from './errors.middleware.js';
import type { HttpMetrics } from './observability.js';
import type { ReadinessReport } from './readiness.js';

export type DemoSignIn = {
  readonly users: ReadonlyArray<{ id: string; name: string; token: string }>;
  readonly films: ReadonlyArray<{ id: string; title: string }>;
};

export type ServiceDeps = {
  readonly readiness: () => Promise<ReadinessReport>;
  readonly metrics: HttpMetrics;
  readonly openApi: () => Record<string, unknown>;
  readonly shortLinks: ShortLinkTargets;
  readonly publicBaseUrl: string;
  /** What a link-preview client may see behind a short link (S1). */
  readonly preview: (target: LinkTarget) => Promise<PublicPreview | GenericPreview>;
  /** false when /metrics has a port of its own (METRICS_PORT). */
  readonly metricsHere: boolean;
  /** The demo users with a dev token each, and the demo films, for the web page's "sign in as"; null unless tokens use the dev secret. */
  readonly signIn: (() => Promise<DemoSignIn>) | null;
};

/** The web page that shows what a short link names (web/src/app.tsx routes). */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

const PAGE_OF = { announcement: 'screenings', booking: 'bookings' } as const;

/** Health, metrics, the API description and short links: no token needed (RULES §6 "anyone"). */
export const serviceRouter = (prefix: string, deps: ServiceDeps): Router => {
  const router = new Router({ prefix });
  router.get('/healthz', (ctx) => {
    ctx.state.route = '/healthz';
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    ctx.state.route = '/readyz';
    const { ready, checks } = await deps.readiness();
    if (ready) ctx.body = { status: 'ready', checks };
    else sendProblem(ctx, { status: 503, code: 'SERVER.NOT_READY', title: 'Not ready', extra: { checks },
      detail: `Not ready: ${Object.entries(checks).filter(([, v]) => v !== 'ok').map(([k, v]) => `${k}: ${v}`).join('; ')}.` });
  });
  if (deps.metricsHere)
    router.get('/metrics', async (ctx) => {
      ctx.state.route = '/metrics';
      ctx.type = deps.metrics.registry.contentType;
      ctx.body = await deps.metrics.registry.metrics();
    });
  router.get('/openapi.json', (ctx) => {
    ctx.state.route = '/openapi.json';
    ctx.body = deps.openApi();
  });
  router.get('/s/:code', async (ctx) => {
    ctx.state.route = '/s/{code}';
    const code = ctx.params.code ?? '';
    const target = /^[0-9A-Za-z]{1,32}$/.test(code) ? await deps.shortLinks.targetOf(code) : null;
    if (!target) return sendProblem(ctx, { status: 404, code: 'LINK.NOT_FOUND', title: 'No such link', detail: 'This short link does not exist.' });
    // An API client (a token, or JSON preferred) gets the resource; a person whose browser
    // navigates (Sec-Fetch-Mode: navigate), the page; anyone else — a messenger unfurling the
    // link: no token, JSON not preferred — a card with what a stranger may know (S1).
    ctx.vary('Accept');
    ctx.vary('Sec-Fetch-Mode');
    ctx.vary('Authorization');
    const page = `${deps.publicBaseUrl}/${PAGE_OF[target.kind]}/${target.id}`;
    const apiClient = ctx.get('Authorization') !== '' || ctx.accepts('html', 'json') === 'json';
    if (apiClient) return ctx.redirect(`${deps.publicBaseUrl}/api/v1/${target.kind}s/${target.id}`);
    if (ctx.get('Sec-Fetch-Mode') === 'navigate') return ctx.redirect(page);
    const preview = await deps.preview(target);
    ctx.set('Content-Security-Policy', PREVIEW_CSP);
    ctx.set('Cache-Control', preview.kind === 'screening' ? 'public, max-age=300' : 'private, no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = previewPage(preview, `${deps.publicBaseUrl}/s/${code}`, page);
  });
  router.get('/dev/sign-in', async (ctx) => {
    ctx.state.route = '/dev/sign-in';
    if (!deps.signIn) return sendProblem(ctx, { status: 404, code: 'ROUTE.NOT_FOUND', title: 'Not found', detail: 'Sign-in as a demo user exists only with the dev secret.' });
    // A page on another site whose name was made to resolve to 127.0.0.1 (DNS rebinding) would
    // be same-origin with its own Host; only a loopback name is this machine's own.
    if (!LOOPBACK_HOST.test(ctx.hostname))
      return sendProblem(ctx, { status: 403, code: 'DEV.LOOPBACK_ONLY', title: 'Loopback only', detail: 'Sign-in as a demo user answers only at localhost, 127.0.0.1 or [::1].' });
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await deps.signIn();
  });
  return router;
};
