import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres.js';
import { migrate, MIGRATIONS_DIR } from '../../src/adapters/postgres/migrations.js';
import { compose } from '../../src/main.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import { ok } from '../support/core.js';
import { createServerDatabase, serverProblem } from '../support/databases.js';
import { aDraft, testConfig, TestClock, useClock, USERS } from '../support/fixtures.js';
import { TestApi } from '../support/http.js';

describe('Embedded PostgreSQL on disk', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'wt-data-')); });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps screenings, bookings and notifications across a restart', async () => {
    const config = testConfig({ storage: 'embedded', dataDir });
    const first = await compose(config, { rebind: useClock(new TestClock()) });
    const a = ok(await first.useCases.createAnnouncement.execute({ hostId: USERS.host, movieId: 'film-90', draft: aDraft() }));
    ok(await first.useCases.createBooking.execute({ guestId: USERS.guest, announcementId: a.id }));
    await first.close();

    const second = await compose(config, { rebind: useClock(new TestClock()) });
    try {
      const again = ok(await second.useCases.getAnnouncement.execute(USERS.guest, a.id));
      expect(again.myBooking).to.include({ status: 'pending' });
      expect(ok(await second.useCases.readInbox.execute(USERS.host, 10)).items.map((n) => n.type)).to.deep.equal(['booking.created']);
    } finally {
      await second.close();
    }
  });

  it('tells a folder it created from one it reopened, so a first start can reopen it and shed initdb’s memory', async () => {
    const first = await EmbeddedPostgres.start(dataDir, 2);
    await first.stop();
    const second = await EmbeddedPostgres.start(dataDir, 2);
    await second.stop();
    expect([first.created, second.created]).to.deep.equal([true, false]);
  });

  it('refreshes the planner’s statistics as a worker job, since PGlite has no autovacuum', async () => {
    const service = await compose(testConfig({ storage: 'embedded', dataDir }), { rebind: useClock(new TestClock()) });
    try {
      ok(await service.useCases.createAnnouncement.execute({ hostId: USERS.host, movieId: 'film-90', draft: aDraft() }));
      const upkeep = service.jobs.find((job) => job.name === 'storage upkeep');
      expect(upkeep?.intervalMs).to.equal(10 * 60_000);
      const pool = (service.storage as unknown as { pool: pg.Pool }).pool;
      const analyzed = async () => (await pool.query("SELECT reltuples FROM pg_class WHERE relname = 'announcements'")).rows[0].reltuples as number;
      expect(await analyzed()).to.be.below(0); // never analyzed
      expect(await upkeep!.run()).to.equal(false);
      expect(await analyzed()).to.equal(1);
    } finally {
      await service.close();
    }
  });
});

describe('When the database is unreachable', () => {
  const deadUrl = 'postgres://postgres@127.0.0.1:1/nothing';
  let api: TestApi;
  before(async () => {
    api = await TestApi.start({ name: 'unreachable', open: async () => ({
      ...postgresStorage({ databaseUrl: deadUrl, poolMax: 2 }),
      seedRating: async () => undefined,
    }) });
  });
  after(() => api.stop());

  it('reports not ready with 503', async () => {
    const reply = await api.get('/readyz');
    expect([reply.status, reply.body.code]).to.deep.equal([503, 'SERVER.NOT_READY']);
    expect((await api.get('/healthz')).status).to.equal(200);
  });

  it('answers requests with a fast 503 problem instead of hanging', async () => {
    const started = Date.now();
    const reply = await api.get('/api/v1/bookings', { as: USERS.guest });
    expect([reply.status, reply.body.code, reply.headers.get('retry-after')]).to.deep.equal([503, 'SERVER.UNAVAILABLE', '2']);
    expect(Date.now() - started).to.be.below(5_000);
    expect((await api.post('/api/v1/announcements', { as: USERS.host, body: { nope: 1 } })).status).to.equal(400);
  });
});

const serverMissing = await serverProblem();

/** Registered only when the server answers (always in CI), like the PostgreSQL backend. */
if (!serverMissing) describe('Migrations on PostgreSQL', function () {
  this.timeout(60_000);

  it('go down and up again, one step at a time, and a repeated up changes nothing', async () => {
    const database = await createServerDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const tables = async () => (await client.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'pgmigrations'")).rows[0].n as number;
    const steps = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).length;
    try {
      const all = await tables();
      expect(all).to.be.greaterThan(5);
      expect(await migrate(database.url, 'up')).to.deep.equal([]);
      for (let step = 0; step < steps; step += 1) expect(await migrate(database.url, 'down')).to.have.length(1);
      expect(await tables()).to.equal(0);
      for (let step = 0; step < steps; step += 1) expect(await migrate(database.url, 'up', { count: 1 })).to.have.length(1);
      expect(await tables()).to.equal(all);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
