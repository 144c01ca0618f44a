import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Middleware } from 'koa';

const SWAGGER_UI_DIR = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** Swagger UI served from the npm package: the docs page works with no network at all. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

const PAGE = (base: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Watch Together API</title>
<link rel="stylesheet" href="${base}/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="${base}/docs/assets/swagger-ui-bundle.js"></script>
<script src="${base}/docs/assets/swagger-ui-init.js"></script>
</body></html>`;

const INIT = (base: string) =>
  `window.ui = SwaggerUIBundle({ url: '${base}/openapi.json', dom_id: '#ui', persistAuthorization: true });`;

/**
 * Every script and style of the page is a file of this service (the init script too, never
 * inline), so the policy names nothing else: a string that reached the document could not run.
 */
export const DOCS_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const docsPage = (base: string): Middleware => async (ctx, next) => {
  if (ctx.path === `${base}/docs`) {
    ctx.set('Content-Security-Policy', DOCS_CSP);
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = PAGE(base);
    return;
  }
  const asset = ctx.path.startsWith(`${base}/docs/assets/`) ? ctx.path.slice(`${base}/docs/assets/`.length) : null;
  if (asset === 'swagger-ui-init.js') {
    ctx.type = ASSETS['swagger-ui-bundle.js']!;
    ctx.body = INIT(base);
    return;
  }
  if (asset && ASSETS[asset]) {
    ctx.type = ASSETS[asset];
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.body = await readFile(join(SWAGGER_UI_DIR, asset));
    return;
  }
  await next();
};
