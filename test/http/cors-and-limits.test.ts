import { expect } from 'chai';
import { loadConfig } from '../../src/config.js';
import { compose, type Service } from '../../src/main.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { testConfig, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

const memory = httpBackends()[0]!;
const CINEMA = 'https://cinema.example';
const DEFAULTS = loadConfig({}).rateLimits;

/** The service under test, stopped after each test that started one. */
let api: TestApi;
const stopApi = async () => {
  await api?.stop();
  api = undefined as never;
};

describe('CORS: the API for pages on other origins', () => {
  afterEach(stopApi);

  const preflight = (origin: string) => fetch(`${api.base}/api/v1/announcements`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,idempotency-key,if-match' },
  });

  it('answers the origins of CORS_ORIGINS, exposes the headers a client needs, and never allows credentials', async () => {
    api = await TestApi.start(memory, { corsOrigins: [CINEMA] });
    const allowed = await api.get('/api/v1/announcements', { as: USERS.guest, headers: { Origin: CINEMA } });
    expect(allowed.headers.get('access-control-allow-origin')).to.equal(CINEMA);
    expect(allowed.headers.get('vary')).to.match(/Origin/);
    expect(allowed.headers.get('access-control-expose-headers')!.split(',')).to.include.members(['ETag', 'Location', 'RateLimit', 'Retry-After', 'X-Request-Id', 'WT-Read-After']);
    expect(allowed.headers.get('access-control-allow-credentials')).to.equal(null);
    const asked = await preflight(CINEMA);
    expect(asked.status).to.equal(204);
    expect(asked.headers.get('access-control-allow-origin')).to.equal(CINEMA);
    expect(asked.headers.get('access-control-allow-methods')).to.contain('PATCH');
    expect(asked.headers.get('access-control-allow-headers')!.toLowerCase()).to.contain('idempotency-key').and.contain('wt-read-after');
    expect(asked.headers.get('access-control-max-age')).to.equal('600');
    // A refusal carries them too, so the page can read the problem.
    const refused = await api.get('/api/v1/announcements/not-an-id', { as: USERS.guest, headers: { Origin: CINEMA } });
    expect([refused.status, refused.headers.get('access-control-allow-origin')]).to.deep.equal([400, CINEMA]);
  });

  it('gives another origin nothing, and with CORS_ORIGINS unset, nobody', async () => {
    api = await TestApi.start(memory, { corsOrigins: [CINEMA] });
    expect((await api.get('/api/v1/announcements', { as: USERS.guest, headers: { Origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).to.equal(null);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).to.equal(null);
    await stopApi();
    api = await TestApi.start(memory);
    expect((await api.get('/api/v1/announcements', { as: USERS.guest, headers: { Origin: CINEMA } })).headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('answers any origin with *, still without credentials; the web page and docs are not cross-origin resources', async () => {
    api = await TestApi.start(memory, { corsOrigins: ['*'] });
    const any = await api.get('/openapi.json', { headers: { Origin: 'https://anyone.example' } });
    expect([any.headers.get('access-control-allow-origin'), any.headers.get('access-control-allow-credentials')]).to.deep.equal(['*', null]);
    expect((await api.get('/docs', { headers: { Origin: 'https://anyone.example' } })).headers.get('access-control-allow-origin')).to.equal(null);
  });

  it('refuses an origin that is not one, at start', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://cinema.example/path' })).to.throw(/CORS_ORIGINS takes origins/);
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:3000/' }).corsOrigins).to.deep.equal(['https://a.example', 'http://localhost:3000']);
  });
});

describe('Rate limits', () => {
  afterEach(stopApi);

  it('meet a burst of writes by one user with 429s after the default quota, and leave other users and reads alone', async () => {
    api = await TestApi.start(memory, { rateLimits: DEFAULTS });
    const burst = [];
    for (let i = 0; i < DEFAULTS.writes.points + 50; i += 1) burst.push(await api.post('/api/v1/me/calendar-feed', { as: USERS.guest }));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).to.have.length(DEFAULTS.writes.points);
    expect(statuses.filter((s) => s === 429)).to.have.length(50);
    const refused = burst.at(-1)!;
    expect(refused.headers.get('content-type')).to.match(/^application\/problem\+json/);
    expect(refused.body).to.include({ status: 429, code: 'REQUEST.RATE_LIMITED' });
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
    expect(refused.headers.get('ratelimit')).to.match(/^"writes";r=0;t=\d+$/);
    expect(refused.headers.get('ratelimit-policy')).to.equal(`"writes";q=${DEFAULTS.writes.points};w=60`);
    expect(burst[0]!.headers.get('ratelimit')).to.equal(`"writes";r=${DEFAULTS.writes.points - 1};t=60`);
    expect((await api.post('/api/v1/me/calendar-feed', { as: USERS.other })).status, 'another user').to.equal(201);
    expect((await api.get('/api/v1/me/schedule', { as: USERS.guest })).status, 'a read').to.equal(200);
  });

  it('count requests without a token per address', async () => {
    api = await TestApi.start(memory, { rateLimits: { ...DEFAULTS, anonymous: { points: 5, windowSeconds: 60 } } });
    const url = (await api.post('/api/v1/me/calendar-feed', { as: USERS.guest })).body.url as string;
    const path = new URL(url).pathname;
    const statuses = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await api.get(path)).status);
    expect(statuses).to.deep.equal([200, 200, 200, 200, 200, 429, 429]);
  });

  describe('shared by API processes on one PostgreSQL database', () => {
    let database: TestDatabase;
    const services: Service[] = [];
    before(async function () {
      if (await serverProblem()) this.skip();
      database = await createServerDatabase();
    });
    after(async () => {
      await Promise.all(services.map((s) => s.close()));
      await database?.drop();
    });

    it('hold one user to one quota across two processes', async () => {
      const quota = { writes: { points: 20, windowSeconds: 60 }, anonymous: DEFAULTS.anonymous };
      for (let i = 0; i < 2; i += 1) {
        services.push(await compose(testConfig({ storage: 'postgres', databaseUrl: database.url, rateLimits: quota }), {
          storage: postgresStorage({ databaseUrl: database.url, poolMax: 4, shared: true }),
        }));
      }
      const token = await services[0]!.tokens!.issue(USERS.guest, 600);
      const apps = services.map((s) => s.app.callback());
      const post = async (i: number) => {
        const { createServer } = await import('node:http');
        const server = createServer((q, r) => void apps[i % 2]!(q, r)).listen(0, '127.0.0.1');
        await new Promise((r) => server.once('listening', r));
        try {
          const port = (server.address() as { port: number }).port;
          return (await fetch(`http://127.0.0.1:${port}/api/v1/me/calendar-feed`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status;
        } finally {
          server.close();
        }
      };
      const statuses = [];
      for (let i = 0; i < 30; i += 1) statuses.push(await post(i));
      expect(statuses.filter((s) => s === 201)).to.have.length(20);
      expect(statuses.filter((s) => s === 429)).to.have.length(10);
    });
  });
});
