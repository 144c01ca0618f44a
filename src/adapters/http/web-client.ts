import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Middleware } from 'koa';

/** Where `npm run build` puts the web client (scripts/build-web.mjs): dist/web, from src/ or dist/ alike. */
export const WEB_DIR = fileURLToPath(new URL('../../../dist/web/', import.meta.url));

/** The paths the page handles itself (web/src/app.tsx); the server answers each with the page. */
const PAGES = [
  /^\/$/, /^\/screenings\/[0-9a-f-]{36}(\/edit)?$/, /^\/bookings\/[0-9a-f-]{36}$/, /^\/host(\/new)?$/, /^\/announce$/,
  /^\/invites\/[\w-]{1,64}$/, /^\/me\/(bookings|notifications|schedule|ratings)$/,
];
const TYPES: Record<string, string> = { js: 'application/javascript; charset=utf-8', css: 'text/css; charset=utf-8', map: 'application/json', svg: 'image/svg+xml' };

/**
 * The service's own web page: `index.html` for every page path and the web app manifest (never
 * cached, so a new build shows at once), and its assets (script, stylesheet, icon), named by content hash, cached for a year. No file comes
 * from anywhere else. Without a build (tests of the API alone), the paths fall through to 404.
 */
export const webClient = (dir = WEB_DIR): Middleware => {
  let index: Buffer | undefined;
  // Kept once read; read again while missing, so a build made after start-up is served.
  const page = async () => (index ??= await readFile(`${dir}index.html`).catch(() => undefined));
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') { await next(); return; }
    const asset = /^\/assets\/([\w-]+\.(js|css|map|svg))$/.exec(ctx.path);
    if (asset) {
      const body = await readFile(`${dir}assets/${asset[1]}`).catch(() => null);
      if (!body) { await next(); return; }
      ctx.type = TYPES[asset[2]!]!;
      ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
      ctx.body = body;
      return;
    }
    if (ctx.path === '/manifest.webmanifest') {
      const manifest = await readFile(`${dir}manifest.webmanifest`).catch(() => null);
      if (!manifest) { await next(); return; }
      ctx.type = 'application/manifest+json; charset=utf-8';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = manifest;
      return;
    }
    if (!PAGES.some((p) => p.test(ctx.path))) { await next(); return; }
    const html = await page();
    if (!html) { await next(); return; }
    ctx.state.route = 'page';
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'");
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.body = html;
  };
};
