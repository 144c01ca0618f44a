import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import pg from 'pg';
import { knownMigrations, migrate } from '../../src/adapters/postgres/migrations.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { record } from './reliability-record.js';

const LOCK_TIMEOUT_MS = 1_000;
/** A report that holds its tables this long: without the lock timeout, writes would queue behind a migration for as long. */
const LONG_READ_MS = 3_000;
const SCREENINGS = 2_000;


/**
 * Every migration applied to a database that is being written to: short writes on the busiest
 * tables from 8 clients, and now and then a long read that holds those tables (a report). A
 * migration that needs a lock the long read has waits at most the lock timeout, gives up and
 * tries again, so the writes that queue behind it wait no longer than that either.
 */
describe('Reliability: every migration applied under write load', function () {
  this.timeout(180_000);
  let database: TestDatabase;
  before(async () => { await serverProblem(); });
  after(() => database?.drop());

  it(`blocks no write for longer than the lock timeout (${LOCK_TIMEOUT_MS} ms), and applies them all`, async () => {
    database = await createServerDatabase({ migrated: false });
    expect(await migrate(database.url, 'up', { count: 1 })).to.have.length(1);
    const pool = new pg.Pool({ connectionString: database.url, max: 12 });
    pool.on('error', () => undefined);
    // Screenings and requests as the first schema has them; every later one keeps these columns.
    await pool.query(`
      INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, starts_at, duration_minutes, ends_at,
        city, address, capacity, privacy, is_free, approval, status, short_url, created_at, updated_at, version)
      SELECT gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 'Load ' || n, now() + n * interval '1 day', 90, now() + n * interval '1 day' + interval '90 minutes',
        'Porto', 'Rua 1', 4, 'public', true, 'manual', 'open', 'http://wt.test/s/a' || n, now(), now(), 1
      FROM generate_series(1, ${SCREENINGS}) AS n`);
    await pool.query(`
      INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, status, short_url, starts_at, ends_at, created_at, updated_at)
      SELECT gen_random_uuid(), id, gen_random_uuid(), host_id, 1, 'pending', 'http://wt.test/s/b' || substr(md5(id::text), 1, 12), starts_at, ends_at, now(), now() FROM announcements`);
    const ids = (await pool.query<{ id: string; booking: string }>('SELECT a.id, b.id AS booking FROM announcements a JOIN bookings b ON b.announcement_id = a.id')).rows;

    let stop = false;
    const latencies: number[] = [];
    const failures: string[] = [];
    const writer = async (w: number) => {
      for (let i = w; !stop; i += 8) {
        const { id, booking } = ids[i % ids.length]!;
        const started = performance.now();
        try {
          await pool.query('UPDATE announcements SET updated_at = now() WHERE id = $1', [id]);
          await pool.query('UPDATE bookings SET updated_at = now() WHERE id = $1', [booking]);
          latencies.push(performance.now() - started);
        } catch (error) {
          failures.push((error as Error).message);
        }
        await sleep(5);
      }
    };
    let longReads = 0;
    const reporter = async () => {
      while (!stop) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT count(*) FROM announcements JOIN bookings ON bookings.announcement_id = announcements.id');
          await sleep(LONG_READ_MS);
          await client.query('COMMIT');
          longReads += 1;
        } finally {
          client.release();
        }
        await sleep(500);
      }
    };
    const load = Promise.all([...Array.from({ length: 8 }, (_, w) => writer(w)), reporter()]);
    let retries = 0;
    const started = performance.now();
    try {
      await sleep(500);
      await migrate(database.url, 'up', { lockTimeoutMs: LOCK_TIMEOUT_MS, onRetry: () => (retries += 1) });
    } finally {
      stop = true;
      await load;
      await pool.end();
    }
    const migrating = Math.round(performance.now() - started);
    const applied = (await knownMigrations()).length;
    const check = new pg.Client({ connectionString: database.url });
    await check.connect();
    const count = Number((await check.query('SELECT count(*) AS n FROM pgmigrations')).rows[0].n);
    await check.end();
    const slowest = Math.round(Math.max(...latencies));
    expect(failures.slice(0, 3)).to.deep.equal([]);
    expect(count).to.equal(applied);
    expect(longReads, 'the long reads really held the tables').to.be.greaterThan(0);
    // Lock timeout, plus what two statements on a busy 2-core machine may take besides.
    expect(slowest, `slowest write ${slowest} ms`).to.be.below(LOCK_TIMEOUT_MS + 750);
    record('every migration applied under write load', {
      migrations: applied, 'lock timeout (ms)': LOCK_TIMEOUT_MS, 'long reads holding the tables (ms)': LONG_READ_MS,
      writes: latencies.length, 'slowest write (ms)': slowest, 'migrations that gave up and were retried': retries, 'took (ms)': migrating,
    });
  });
});
