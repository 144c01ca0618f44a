// Builds the web client (web/src) into dist/web: one script and one stylesheet named by content
// hash (served for a year, immutable) and index.html that names them (served with no-cache).
// esbuild is the whole toolchain: it already ships with tsx, bundles Preact's JSX in ~100 ms,
// and needs no dev server, since the service itself serves the page.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { build } from 'esbuild';

const out = 'dist/web';
await rm(out, { recursive: true, force: true });
await mkdir(`${out}/assets`, { recursive: true });
const result = await build({
  entryPoints: ['web/src/app.tsx', 'web/src/styles.css'],
  bundle: true, minify: true, sourcemap: true, format: 'esm', target: 'es2020',
  jsx: 'automatic', jsxImportSource: 'preact',
  outdir: `${out}/assets`, entryNames: '[name]-[hash]', metafile: true, logLevel: 'warning',
});
const named = (ext) => basename(Object.keys(result.metafile.outputs).find((f) => f.endsWith(ext)));
await writeFile(`${out}/index.html`, `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Watch Together</title>
<link rel="stylesheet" href="/assets/${named('.css')}">
</head>
<body>
<div id="app"><noscript>Watch Together needs JavaScript; the API is at <a href="/docs">/docs</a>.</noscript></div>
<script type="module" src="/assets/${named('.js')}"></script>
</body>
</html>
`);
