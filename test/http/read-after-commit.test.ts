import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import pg from 'pg';
import sinon from 'sinon';
import { walOffset } from '../../src/adapters/postgres/pg-client.js';
import { compose, type Service } from '../../src/main.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { testConfig, USERS } from '../support/fixtures.js';

const POSITION = /^[0-9A-F]+\/[0-9A-F]+$/;
const ASKED_ALONE = /^\s*SELECT pg_current_wal_lsn\(\)/;

/**
 * With a read replica, a write's answer carries `WT-Read-After`, the primary's WAL position after
 * its commit. The commit's own message asks for it, so the write costs no round trip more than
 * without a replica — whether the unit of work commits it or the request that held it open for
 * its Idempotency-Key. The replica here is the primary itself (a READ_DATABASE_URL that is no
 * standby is always current: test/reliability/read-replica.test.ts has a real one).
 */
describe('WT-Read-After from the commit’s own message', function () {
  this.timeout(60_000);
  let database: TestDatabase;
  let service: Service;
  let server: Server;
  let base: string;
  let spy: sinon.SinonSpy;
  /** The texts the service sent since the test began. */
  const sent = (): string[] => spy.args.map(([config]: unknown[]) => {
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
    return typeof text === 'string' ? text : '';
  });

  before(async function () {
    if (await serverProblem()) this.skip();
    database = await createServerDatabase();
    const storage = postgresStorage({ databaseUrl: database.url, poolMax: 4, replica: { url: database.url, waitMs: 100 } });
    service = await compose(testConfig({ storage: 'postgres', databaseUrl: database.url, readDatabaseUrl: database.url }), { storage });
    server = service.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  });
  after(async () => {
    server?.close();
    await service?.close();
    await database?.drop();
  });
  beforeEach(() => {
    spy = sinon.spy(pg.Client.prototype, 'query');
  });
  afterEach(() => sinon.restore());

  const post = async (path: string, userId: string, body: unknown, headers: Record<string, string> = {}) => {
    const reply = await fetch(`${base}${path}`, {
      method: 'POST', body: JSON.stringify(body),
      headers: { Authorization: `Bearer ${await service.tokens!.issue(userId, 600)}`, 'Content-Type': 'application/json', ...headers },
    });
    return { status: reply.status, after: reply.headers.get('wt-read-after'), body: (await reply.json()) as { id: string } };
  };
  const screening = (title: string, days: number) => ({
    movieId: 'film-90', title, capacity: 3, approval: 'auto',
    startsAt: new Date(Date.now() + days * 86_400_000).toISOString(), place: { city: 'Lyon', address: '1 rue X' },
  });
  const wal = async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0]!.lsn;
    } finally {
      await client.end();
    }
  };

  for (const [how, headers] of [['committed by the unit of work', {}], ['held open for its Idempotency-Key', { 'Idempotency-Key': 'read-after-1' }]] as const)
    it(`answers a write ${how} with the position after its commit, asked in the commit’s message`, async () => {
      const created = await post('/announcements', USERS.host, screening(`Read after ${how}`, 3 + Object.keys(headers).length), headers);
      expect(created.status).to.equal(201);
      expect(created.after).to.match(POSITION);
      const texts = sent();
      expect(texts.filter((text) => ASKED_ALONE.test(text)), texts.join('\n---\n')).to.deep.equal([]);
      expect(texts.some((text) => /COMMIT;\nSELECT pg_current_wal_lsn\(\)/.test(text)), texts.join('\n---\n')).to.equal(true);
      // At or past the commit: the screening is there for a read at that position.
      expect(walOffset(created.after!) <= walOffset(await wal())).to.equal(true);
      const booked = await post(`/announcements/${created.body.id}/bookings`, USERS.guest, { seats: 1 }, { 'WT-Read-After': created.after! });
      expect(booked.status).to.equal(201);
      expect(walOffset(booked.after!) > walOffset(created.after!)).to.equal(true);
    });
});
