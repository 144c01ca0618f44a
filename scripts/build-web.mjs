// Builds the web client (web/src) into dist/web: one script, one stylesheet and the icon, named
// by content hash (served for a year, immutable), index.html that names them and the web app
// manifest (both served with no-cache). esbuild is the whole toolchain: it already ships with
// tsx, bundles Preact's JSX in ~100 ms, and needs no dev server, since the service serves the page.
// The bundle must stay under BUDGET_GZIP bytes gzipped (issue 21): the build fails above it.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const BUDGET_GZIP = 60 * 1024;
const out = 'dist/web';
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
const result = await build({
  entryPoints: ['web/src/app.tsx', 'web/src/styles.css'],
  bundle: true, minify: true, sourcemap: true, format: 'esm', target: 'es2020', charset: 'utf8',
  jsx: 'automatic', jsxImportSource: 'preact',
  outdir: `${out}/assets`, entryNames: '[name]-[hash]', metafile: true, logLevel: 'warning',
});
const named = (ext) => basename(Object.keys(result.metafile.outputs).find((f) => f.endsWith(ext)));

const icon = await readFile('web/public/icon.svg');
const iconName = `icon-${createHash('sha256').update(icon).digest('hex').slice(0, 8)}.svg`;
await writeFile(`${out}/assets/${iconName}`, icon);
await writeFile(`${out}/manifest.webmanifest`, `${JSON.stringify({
  name: 'Watch Together', short_name: 'Watch Together', description: 'Watch a film together: find a screening, ask for a seat, host one.',
  start_url: '/', scope: '/', display: 'standalone', background_color: '#fafafa', theme_color: '#111111',
  icons: [{ src: `/assets/${iconName}`, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
}, null, 2)}\n`);

await writeFile(`${out}/index.html`, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="theme-color" content="#111111">
<title>Watch Together</title>
<link rel="icon" href="/assets/${iconName}" type="image/svg+xml">
<link rel="manifest" href="/manifest.webmanifest">
<link rel="stylesheet" href="/assets/${named('.css')}">
</head>
<body>
<div id="app"><noscript>Watch Together needs JavaScript; the API is at <a href="/docs">/docs</a>.</noscript></div>
<script type="module" src="/assets/${named('.js')}"></script>
</body>
</html>
`);

const gzipped = (await Promise.all([named('.js'), named('.css'), iconName, '../index.html'].map(async (f) => gzipSync(await readFile(`${out}/assets/${f}`)).length)))
  .reduce((a, b) => a + b, 0);
await writeFile(`${out}/size.json`, `${JSON.stringify({ gzipBytes: gzipped, budgetBytes: BUDGET_GZIP })}\n`);
if (gzipped > BUDGET_GZIP) {
  throw new Error(`web bundle is ${gzipped} bytes gzipped, over its budget of ${BUDGET_GZIP}`);
}
