import { expect } from 'chai';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { compose, type Service } from '../../src/main.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { testConfig } from '../support/fixtures.js';

const SCREENINGS = 3_000;
const BOOKINGS = 12;

/**
 * A prepared statement is planned for its values five times; after that PostgreSQL keeps its
 * generic plan unless that plan is priced dearer than the plans for values — and then it plans
 * the statement again at every execution. On the booking path that was two statements: the
 * schedule overlap read (`= ANY($1)` priced as ten users) and the waitlist read (`$2 IS NULL OR
 * status = ANY($2)`, which no partial index serves): 40 % of PostgreSQL's CPU per booking was
 * planning. Here every statement of a dozen bookings on one connection must settle on its generic
 * plan, on tables with enough rows that the prices differ.
 */
describe('Statements of the booking path settle on their generic plans', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let service: Service;
  let server: Server;
  let storage: ReturnType<typeof postgresStorage>;

  before(async function () {
    if (await serverProblem()) this.skip();
    database = await createServerDatabase();
    storage = postgresStorage({ databaseUrl: database.url, poolMax: 1 });
    service = await compose(testConfig({ storage: 'postgres', databaseUrl: database.url }), { storage });
    server = service.app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    // Open screenings with auto approval a year ahead, each with one accepted booking (triggers off, as a restore).
    await storage.pool.query(`INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, starts_at, duration_minutes,
      ends_at, city, address, capacity, privacy, is_free, approval, status, seats_taken, short_code, short_url, created_at, updated_at, version, start_set_at)
      SELECT gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 't', now() + interval '1 year' + g * interval '3 hours', 90,
        now() + interval '1 year' + g * interval '3 hours' + interval '90 minutes', 'c', 'a', 40, 'public', true, 'auto', 'open', 1, 'p' || g, 'http://x/' || g,
        now(), now(), 1, now() FROM generate_series(1, ${SCREENINGS}) g`);
    const client = await storage.pool.connect();
    try {
      await client.query("SET session_replication_role = 'replica'");
      await client.query(`INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, status, short_code, short_url, starts_at, ends_at,
        created_at, updated_at, decided_at, cancelled_with_announcement)
        SELECT gen_random_uuid(), a.id, gen_random_uuid(), a.host_id, 1, 'accepted', 'h' || a.short_code, 'u', a.starts_at, a.ends_at, now(), now(), now(), false
        FROM announcements a`);
    } finally {
      await client.query("SET session_replication_role = 'origin'");
      client.release();
    }
    await storage.pool.query('VACUUM ANALYZE');
  });
  after(async () => {
    server?.close();
    await service?.close();
    await database?.drop();
  });

  it('books a dozen times without planning a statement more than its first five times', async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const { rows: screenings } = await storage.pool.query<{ id: string }>(`SELECT id FROM announcements ORDER BY starts_at LIMIT ${BOOKINGS}`);
    for (const [i, { id }] of screenings.entries()) {
      const guest = `7${String(i).padStart(7, '0')}-0000-4000-8000-000000000000`;
      const reply = await fetch(`${base}/announcements/${id}/bookings`, {
        method: 'POST', body: '{}',
        headers: { Authorization: `Bearer ${await service.tokens!.issue(guest, 600)}`, 'Content-Type': 'application/json' },
      });
      expect(reply.status, await reply.text()).to.equal(201);
    }
    // The pool's one connection is the one every booking ran on.
    const { rows: statements } = await storage.pool.query<{ name: string; statement: string; custom: number; generic: number }>(
      'SELECT name, statement, custom_plans::int AS custom, generic_plans::int AS generic FROM pg_prepared_statements');
    const run = statements.filter((s) => s.custom + s.generic >= BOOKINGS);
    expect(run.length, 'statements the bookings ran').to.be.at.least(8);
    const replanned = run.filter((s) => s.custom > 5).map((s) => {
      const at = s.statement.indexOf(`"${s.name}" AS`);
      return `${s.custom} plans for values: ${(at < 0 ? s.statement : s.statement.slice(at)).replace(/\s+/g, ' ').slice(0, 160)}`;
    });
    expect(replanned).to.deep.equal([]);
  });
});

describe('Connections to a PostgreSQL server', () => {
  it('never JIT-compile a plan (NO_JIT): a rare tag found by its index spent 420 ms compiling for a 0.1 ms run at 10 M', async function () {
    if (await serverProblem()) this.skip();
    const database = await createServerDatabase();
    const storage = postgresStorage({ databaseUrl: database.url, poolMax: 1 });
    try {
      expect((await storage.pool.query<{ jit: string }>('SHOW jit')).rows[0]!.jit).to.equal('off');
    } finally {
      await storage.close();
      await database.drop();
    }
  });
});
