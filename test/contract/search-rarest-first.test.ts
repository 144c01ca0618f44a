import { expect } from 'chai';
import pg from 'pg';
import sinon from 'sinon';
import { PgAnnouncementSearch, rarestFirst, TERM_MATCHES, type TermEstimate } from '../../src/adapters/postgres/pg-announcement-search.js';
import { rows } from '../../src/adapters/postgres/pg-client.js';
import type { SearchCriteria } from '../../src/application/index.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { USERS } from '../support/fixtures.js';

/**
 * A near= search with words or tags chooses its walk by how many screenings its rarest term
 * matches (TERM_MATCHES, from PostgreSQL's statistics): a rare one by its GIN index, the circle a
 * filter; otherwise by walking the circle's grid cells in time order, the terms as filters. A term
 * that matched nothing near a dense place read every cell to its end (p95 ≈ 620 ms at 10 M).
 * Either walk finds the same screenings; only the cost differs.
 */
describe('Near= searches with words and tags on PostgreSQL', () => {
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
    // COUNT screenings around Berlin, an hour apart. Every one says "noir" and is tagged "snacks";
    // every tenth says "heist" and is tagged "vegan"; one, the 1 501st, says "zebra" and is tagged
    // "quiet". The area is the place's 0.01° cell's centre, as the migration backfills it.
    await pool.query(`
      INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, description, starts_at, duration_minutes,
        ends_at, city, address, lat, lon, area_lat, area_lon, capacity, privacy, is_free, tags, approval, status, short_code, short_url,
        created_at, updated_at, version, start_set_at)
      SELECT gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 'Night ' || i,
        'noir' || CASE WHEN i % 10 = 0 THEN ' heist' ELSE '' END || CASE WHEN i = 1501 THEN ' zebra' ELSE '' END,
        $1::timestamptz + i * interval '1 hour', 90, $1::timestamptz + i * interval '1 hour' + interval '90 minutes', 'Berlin', 'a',
        p.lat, p.lon, floor(p.lat * 100) / 100 + 0.005, floor(p.lon * 100) / 100 + 0.005, 4, 'public', true,
        ARRAY['snacks'] || CASE WHEN i % 10 = 0 THEN ARRAY['vegan'] ELSE '{}' END || CASE WHEN i = 1501 THEN ARRAY['quiet'] ELSE '{}' END,
        'auto', 'open', 'w' || i, 'http://x/w' || i, now(), now(), 1, now()
      FROM generate_series(1, ${COUNT}) AS i, LATERAL (SELECT 52.40 + (i % 23) * 0.01 AS lat, 13.20 + (i % 29) * 0.01 AS lon) AS p`,
    [new Date(now.getTime() + 86_400_000)]);
  });
  after(async () => {
    await pool?.end();
    await db?.drop();
  });

  const near = { lat: 52.52, lon: 13.405, radiusKm: 25 };
  const base: SearchCriteria = { viewerId: USERS.stranger, friendHostIds: [], status: 'open', sort: 'startsAt', limit: 21, from: now, now, near };
  const estimates = async (q: string, tags: string[] = []): Promise<Record<string, number>> =>
    Object.fromEntries((await rows<TermEstimate>(pool, TERM_MATCHES, [q, tags])).map((e) => [`${e.column}:${e.term}`, e.matches]));
  /** The ids one statement finds, run as it is. */
  const idsBy = async (criteria: SearchCriteria, first: Pick<TermEstimate, 'column' | 'term'> | null): Promise<string[]> => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement(criteria, first);
    return (await pool.query<{ r: { id: string } }>(text, values)).rows.map((row) => row.r.id);
  };
  const planOf = async (criteria: SearchCriteria, first: Pick<TermEstimate, 'column' | 'term'>): Promise<string> => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement(criteria, first);
    return (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  it('estimates how many screenings each word and tag matches once the table is analysed, and nothing before', async () => {
    expect(await estimates('zebra', ['quiet'])).to.deep.equal({});
    await pool.query('ANALYZE announcements');
    const all = await estimates('noir heist zebra nowhere', ['snacks', 'vegan', 'quiet', 'none']);
    expect(Object.keys(all)).to.have.members(['search_vector:noir', 'search_vector:heist', 'search_vector:zebra', 'search_vector:nowhere',
      'tags:snacks', 'tags:vegan', 'tags:quiet', 'tags:none']);
    for (const common of ['search_vector:noir', 'tags:snacks']) expect(all[common], common).to.be.within(COUNT * 0.9, COUNT * 1.1);
    for (const tenth of ['search_vector:heist', 'tags:vegan']) expect(all[tenth], tenth).to.be.within(COUNT * 0.05, COUNT * 0.15);
    // In one screening, or in none: among the most common elements or not, a handful at most.
    for (const rare of ['search_vector:zebra', 'search_vector:nowhere', 'tags:quiet']) expect(all[rare], rare).to.be.below(5);
    // Three tags, all kept: one ANALYZE did not see is in no screening it read, not half as common as "quiet".
    expect(all['tags:none']).to.equal(0);
    expect(await estimates('!!')).to.deep.equal({});
  });

  it('takes the rarest term first while its matches squared are at most the page times the rows', () => {
    const term = (matches: number, column: TermEstimate['column'] = 'search_vector'): TermEstimate => ({ column, term: String(matches), matches, rows: 1_000_000 });
    expect(rarestFirst([term(4582)], 21)).to.deep.equal(term(4582));
    expect(rarestFirst([term(4583)], 21)).to.equal(null);
    expect(rarestFirst([term(90_000), term(12, 'tags'), term(300)], 21)).to.deep.equal(term(12, 'tags'));
    expect(rarestFirst([], 21)).to.equal(null);
  });

  it('finds rare words by their GIN index and a rare tag by its, with the circle and the other terms as filters', async () => {
    const byWords = await planOf({ ...base, q: 'zebra', tags: ['snacks'] }, { column: 'search_vector', term: 'zebra' });
    expect(byWords, byWords).to.include('Bitmap Index Scan on announcements_text').and.not.to.match(/announcements_tags|announcements_by_cell/);
    const byTag = await planOf({ ...base, q: 'noir', tags: ['snacks', 'quiet'] }, { column: 'tags', term: 'quiet' });
    expect(byTag, byTag).to.include('Bitmap Index Scan on announcements_tags').and.not.to.match(/announcements_text|announcements_by_cell/);
  });

  it('finds what walking the cells finds, whichever term comes first', async () => {
    const searches: Array<Pick<SearchCriteria, 'q' | 'tags'>> = [
      { q: 'zebra' }, { q: 'noir zebra' }, { q: 'nowhere' }, { q: 'heist' }, { q: 'noir' },
      { tags: ['quiet'] }, { tags: ['vegan', 'snacks'] }, { tags: ['none'] }, { q: 'noir', tags: ['quiet'] }, { q: 'zebra', tags: ['vegan'] },
    ];
    for (const terms of searches)
      for (const extra of [{}, { radiusKm: 2 }]) {
        const criteria = { ...base, ...terms, near: { ...near, ...extra } };
        const cells = await idsBy(criteria, null);
        const firsts = [...(terms.q ? [{ column: 'search_vector' as const, term: terms.q }] : []), ...(terms.tags ?? []).map((term) => ({ column: 'tags' as const, term }))];
        for (const first of firsts) expect(await idsBy(criteria, first), `${JSON.stringify(terms)} ${JSON.stringify(extra)} by ${first.term}`).to.deep.equal(cells);
      }
    expect(await idsBy({ ...base, q: 'zebra' }, null)).to.have.length(1);
    expect(await idsBy({ ...base, tags: ['vegan'] }, null)).to.have.length(21);
  });

  it('finds rare terms first and walks the cells for common ones, by the statistics', async () => {
    const search = new PgAnnouncementSearch(pool, true, pool);
    const statement = sinon.spy(search, 'statement');
    /** The term each statement of one search was found by, '-' for the cells' walk. */
    const firsts = async (terms: Pick<SearchCriteria, 'q' | 'tags'>): Promise<string[]> => {
      statement.resetHistory();
      await search.search({ ...base, ...terms });
      return statement.getCalls().map((call) => call.args[1]?.term ?? '-');
    };
    // A page of 21 among 3 000 screenings: the rarest term first up to some 250 matches. One
    // statement by the term's index, where the cells' walk asked three windows of time.
    expect(await firsts({ q: 'nowhere' })).to.deep.equal(['nowhere']);
    expect(await firsts({ q: 'zebra', tags: ['snacks'] })).to.deep.equal(['zebra']);
    expect(await firsts({ q: 'noir', tags: ['snacks', 'quiet'] })).to.deep.equal(['quiet']);
    expect(await firsts({ q: 'noir' })).to.deep.equal(['-']);
    expect(await firsts({ q: 'heist' })).to.deep.equal(['-', '-']);
    expect(await firsts({ tags: ['vegan'] })).to.deep.equal(['-', '-']);
    expect(await firsts({})).to.deep.equal(['-']);
    const found = await search.search({ ...base, tags: ['quiet'] });
    expect(found.map((hit) => hit.announcement.description)).to.deep.equal(['noir zebra']);
    statement.restore();
  });

  it('reads the statistics for the same terms once a minute, not at every search', async () => {
    const search = new PgAnnouncementSearch(pool, false);
    const query = sinon.spy(pool, 'query');
    try {
      for (let i = 0; i < 3; i += 1) await search.search({ ...base, q: 'zebra' });
      await search.search({ ...base, q: 'zebra', tags: ['quiet'] });
      await search.search({ ...base, q: 'zebra', tags: ['quiet'] });
      const reads = query.getCalls().filter((call) => (call.args[0] as { text?: string }).text === TERM_MATCHES);
      expect(reads.map((call) => (call.args[0] as { values?: unknown[] }).values)).to.deep.equal([['zebra', []], ['zebra', ['quiet']]]);
    } finally {
      query.restore();
    }
  });
});
