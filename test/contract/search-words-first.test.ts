import { expect } from 'chai';
import pg from 'pg';
import sinon from 'sinon';
import { PgAnnouncementSearch, WORD_MATCHES, wordsFirst } from '../../src/adapters/postgres/pg-announcement-search.js';
import { rows } from '../../src/adapters/postgres/pg-client.js';
import type { SearchCriteria } from '../../src/application/index.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { USERS } from '../support/fixtures.js';

/**
 * A near= search with words chooses its walk by how many screenings the words match
 * (WORD_MATCHES, from PostgreSQL's statistics): rare words by their GIN index, the circle a
 * filter; common ones by walking the circle's grid cells in time order, the words a filter. Words
 * that matched nothing near a dense place read every cell to its end (p95 ≈ 620 ms at 10 M).
 * Either walk finds the same screenings; only the cost differs.
 */
describe('Near= searches with words on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const now = new Date();
  const COUNT = 3000;
  before(async function () {
    if (await serverProblem()) this.skip();
    db = await createServerDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    // The statistics are this test's to make: autovacuum would analyse the table at its own time.
    await pool.query('ALTER TABLE announcements SET (autovacuum_enabled = false)');
    // COUNT screenings around Berlin, an hour apart; every one says "noir", every tenth "heist",
    // one "zebra". The area is the place's 0.01° cell's centre, as the migration backfills it.
    await pool.query(`
      INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, description, starts_at, duration_minutes,
        ends_at, city, address, lat, lon, area_lat, area_lon, capacity, privacy, is_free, approval, status, short_code, short_url,
        created_at, updated_at, version, start_set_at)
      SELECT gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 'Night ' || i,
        'noir' || CASE WHEN i % 10 = 0 THEN ' heist' ELSE '' END || CASE WHEN i = ${COUNT / 2 + 1} THEN ' zebra' ELSE '' END,
        $1::timestamptz + i * interval '1 hour', 90, $1::timestamptz + i * interval '1 hour' + interval '90 minutes', 'Berlin', 'a',
        p.lat, p.lon, floor(p.lat * 100) / 100 + 0.005, floor(p.lon * 100) / 100 + 0.005,
        4, 'public', true, 'auto', 'open', 'w' || i, 'http://x/w' || i, now(), now(), 1, now()
      FROM generate_series(1, ${COUNT}) AS i, LATERAL (SELECT 52.40 + (i % 23) * 0.01 AS lat, 13.20 + (i % 29) * 0.01 AS lon) AS p`,
    [new Date(now.getTime() + 86_400_000)]);
  });
  after(async () => {
    sinon.restore();
    await pool?.end();
    await db?.drop();
  });

  const near = { lat: 52.52, lon: 13.405, radiusKm: 25 };
  const base: SearchCriteria = { viewerId: USERS.stranger, friendHostIds: [], status: 'open', sort: 'startsAt', limit: 21, from: now, now, near };
  const matches = async (q: string): Promise<number | null> => (await rows<{ matches: number }>(pool, WORD_MATCHES, [q]))[0]?.matches ?? null;
  /** The ids one statement finds, run as it is. */
  const idsBy = async (criteria: SearchCriteria, wordsFirst: boolean): Promise<string[]> => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement(criteria, wordsFirst);
    return (await pool.query<{ r: { id: string } }>(text, values)).rows.map((row) => row.r.id);
  };

  it('estimates how many screenings words match once the table is analysed, and nothing before', async () => {
    expect(await matches('zebra')).to.equal(null);
    await pool.query('ANALYZE announcements');
    expect(await matches('noir')).to.be.within(COUNT * 0.9, COUNT * 1.1);
    expect(await matches('noir heist')).to.be.within(COUNT * 0.05, COUNT * 0.15);
    // In one screening, or in none: among the most common words or not, a handful at most.
    for (const rare of ['zebra', 'noir zebra', 'nowhere']) expect(await matches(rare), rare).to.be.below(5);
    expect(await matches('!!')).to.equal(null);
  });

  it('finds rare words by their GIN index, with the circle as a filter', async () => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement({ ...base, q: 'zebra' }, true);
    const plan = (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan, plan).to.include('Bitmap Index Scan on announcements_text').and.not.to.include('announcements_by_cell');
  });

  it('finds what walking the cells finds, rare words or common', async () => {
    for (const q of ['zebra', 'noir zebra', 'nowhere', 'heist', 'noir'])
      for (const extra of [{}, { radiusKm: 2 }]) {
        const criteria = { ...base, q, near: { ...near, ...extra } };
        const cells = await idsBy(criteria, false);
        expect(await idsBy(criteria, true), `${q} ${JSON.stringify(extra)}`).to.deep.equal(cells);
      }
    expect(await idsBy({ ...base, q: 'zebra' }, false)).to.have.length(1);
    expect(await idsBy({ ...base, q: 'heist' }, false)).to.have.length(21);
  });

  it('takes the words first while their matches squared are at most the page times the rows', () => {
    expect(wordsFirst({ matches: 4582, rows: 1_000_000 }, 21)).to.equal(true);
    expect(wordsFirst({ matches: 4583, rows: 1_000_000 }, 21)).to.equal(false);
    expect(wordsFirst({ matches: 0, rows: 0 }, 21)).to.equal(true);
  });

  it('finds rare words first and walks the cells for common ones, by the statistics', async () => {
    const search = new PgAnnouncementSearch(pool, true, pool);
    const statement = sinon.spy(search, 'statement');
    const walks = async (q?: string): Promise<boolean[]> => {
      statement.resetHistory();
      await search.search({ ...base, ...(q === undefined ? {} : { q }) });
      return statement.getCalls().map((call) => call.args[1] !== true);
    };
    // A page of 21 among 3 000 screenings: words first up to some 250 matches.
    // One statement by the words' index, where the cells' walk asked three windows of time.
    expect(await walks('nowhere')).to.deep.equal([false]);
    expect(await walks('zebra')).to.deep.equal([false]);
    expect(await walks('noir')).to.deep.equal([true]);
    expect(await walks('heist')).to.deep.equal([true, true]);
    expect(await walks()).to.deep.equal([true]);
    const found = await search.search({ ...base, q: 'zebra' });
    expect(found.map((hit) => hit.announcement.description)).to.deep.equal(['noir zebra']);
  });

  it('reads the statistics for the same words once a minute, not at every search', async () => {
    const search = new PgAnnouncementSearch(pool, false);
    const query = sinon.spy(pool, 'query');
    try {
      for (let i = 0; i < 3; i += 1) await search.search({ ...base, q: 'zebra' });
      await search.search({ ...base, q: 'nowhere' });
      const reads = query.getCalls().filter((call) => (call.args[0] as { text?: string }).text === WORD_MATCHES);
      expect(reads.map((call) => call.args[1] ?? (call.args[0] as { values?: unknown[] }).values)).to.deep.equal([['zebra'], ['nowhere']]);
    } finally {
      query.restore();
    }
  });
});
