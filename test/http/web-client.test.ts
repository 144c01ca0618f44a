import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import Koa from 'koa';
import { webClient } from '../../src/adapters/http/web-client.js';
import { DEMO_DIRECTORY_FILE, DEV_JWT_SECRET } from '../../src/config.js';
import { compose } from '../../src/main.js';
import { testConfig } from '../support/fixtures.js';

const listen = async (app: Koa): Promise<{ base: string; server: Server }> => {
  const handle = app.callback();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
};

describe('The web client’s files', () => {
  let dir: string;
  let base: string;
  let server: Server;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wt-web-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>page</title>');
    await writeFile(join(dir, 'assets', 'app-ABC123.js'), 'console.log(1)');
    await writeFile(join(dir, 'assets', 'icon-1a2b.svg'), '<svg/>');
    await writeFile(join(dir, 'manifest.webmanifest'), '{"name":"Watch Together"}');
    const app = new Koa();
    app.use(webClient(`${dir}/`));
    app.use((ctx) => { ctx.status = 404; ctx.body = 'next'; });
    ({ base, server } = await listen(app));
  });
  after(async () => { server.close(); await rm(dir, { recursive: true, force: true }); });

  it('answers every page path with the page, revalidated on each visit and locked to its own origin', async () => {
    for (const path of ['/', '/screenings/0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01', '/bookings/0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01', '/host/new', '/announce', '/invites/Ab_9-xYz', '/me/notifications', '/me/ratings']) {
      const reply = await fetch(`${base}${path}`);
      expect([path, reply.status, reply.headers.get('content-type'), reply.headers.get('cache-control')])
        .to.deep.equal([path, 200, 'text/html; charset=utf-8', 'no-cache']);
      expect(reply.headers.get('content-security-policy')).to.contain("default-src 'self'");
    }
  });

  it('serves hashed assets for a year, and leaves every other path to the API', async () => {
    const asset = await fetch(`${base}/assets/app-ABC123.js`);
    expect([asset.status, asset.headers.get('cache-control'), await asset.text()]).to.deep.equal([200, 'public, max-age=31536000, immutable', 'console.log(1)']);
    for (const path of ['/assets/missing-1.js', '/assets/../index.html', '/api/v1/announcements', '/screenings/not-an-id', '/s/abc', '/invites/no.dots', '/invites/a/b']) {
      expect([path, (await fetch(`${base}${path}`)).status]).to.deep.equal([path, 404]);
    }
    expect((await fetch(`${base}/`, { method: 'POST' })).status).to.equal(404);
  });

  it('serves the icon and the web app manifest the page names', async () => {
    const icon = await fetch(`${base}/assets/icon-1a2b.svg`);
    expect([icon.status, icon.headers.get('content-type')]).to.deep.equal([200, 'image/svg+xml']);
    const manifest = await fetch(`${base}/manifest.webmanifest`);
    expect([manifest.status, manifest.headers.get('content-type'), manifest.headers.get('cache-control'), await manifest.json()])
      .to.deep.equal([200, 'application/manifest+json; charset=utf-8', 'no-cache', { name: 'Watch Together' }]);
  });
});

/** fetch may not set Host; node:http may, as a browser on a rebound name would send it. */
const statusWithHost = (url: string, host: string): Promise<number> => new Promise((resolve, reject) => {
  request(url, { headers: { Host: host } }, (res) => { res.resume(); resolve(res.statusCode!); }).on('error', reject).end();
});

describe('Signing in as a demo user', () => {
  it('offers the demo people with working tokens, and the demo films, only with the dev secret', async () => {
    const dev = await compose(testConfig({ directoryFile: DEMO_DIRECTORY_FILE, usesDevSecret: true, jwtSecret: DEV_JWT_SECRET }));
    const real = await compose(testConfig({ directoryFile: DEMO_DIRECTORY_FILE }));
    const devServer = await listen(dev.app);
    const realServer = await listen(real.app);
    try {
      const offered = await fetch(`${devServer.base}/api/v1/dev/sign-in`);
      expect(offered.headers.get('cache-control')).to.equal('no-store');
      const { users, films } = await offered.json() as { users: Array<{ name: string; token: string }>; films: Array<{ id: string }> };
      expect(users.map((u) => u.name)).to.include('Alice Martin');
      expect(films.map((f) => f.id)).to.include('tt0133093');
      const mine = await fetch(`${devServer.base}/api/v1/bookings`, { headers: { Authorization: `Bearer ${users[0]!.token}` } });
      expect(mine.status).to.equal(200);
      expect((await fetch(`${realServer.base}/api/v1/dev/sign-in`)).status).to.equal(404);
      // A rebinding page's requests carry its own name as Host: refused, whatever resolved to here.
      for (const [host, status] of [['evil.example', 403], ['evil.example:80', 403], ['127.0.0.1.evil.example', 403], ['LOCALHOST', 200], ['[::1]:8080', 200]] as const)
        expect([host, await statusWithHost(`${devServer.base}/dev/sign-in`, host)]).to.deep.equal([host, status]);
    } finally {
      devServer.server.close();
      realServer.server.close();
      await dev.close();
      await real.close();
    }
  });
});
