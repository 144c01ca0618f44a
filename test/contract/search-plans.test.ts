import { expect } from 'chai';
import pg from 'pg';
import { inline } from '../../src/adapters/postgres/pg-client.js';
import { GENERIC_PLANS, PgAnnouncementSearch, plannedOnce } from '../../src/adapters/postgres/pg-announcement-search.js';
import type { SearchCriteria } from '../../src/application/index.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { USERS } from '../support/fixtures.js';

/**
 * The search statements reach the indexes meant for them (docs/SEARCH-PLANS.md has the plans at
 * a million screenings). Checked on an empty table with sequential scans priced out, so the
 * planner takes an index whenever the statement allows one: a near= search whose WHERE did not
 * imply the grid indexes' predicate ran 9 s at 1 M, and no result-based test could see it.
 */
describe('Search plans on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  before(async function () {
    if (await serverProblem()) this.skip();
    db = await createServerDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    await pool.query('SET enable_seqscan = off');
  });
  after(async () => {
    await pool?.end();
    await db?.drop();
  });

  const now = new Date();
  const base: SearchCriteria = { viewerId: USERS.stranger, friendHostIds: [], status: 'open', sort: 'startsAt', limit: 21, from: now, now };
  const planOf = async (criteria: SearchCriteria): Promise<string> => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement(criteria);
    return (await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (COSTS OFF) ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');
  };

  for (const [radiusKm, index] of [[2, 'announcements_by_cell_fine'], [40, 'announcements_by_cell_mid'], [400, 'announcements_by_cell_coarse']] as const)
    it(`walks ${index} for a near= search of ${radiusKm} km, alone and with words and tags`, async () => {
      for (const extra of [{}, { q: 'noir', tags: ['vegan'] }]) {
        const plan = await planOf({ ...base, ...extra, near: { lat: 52.52, lon: 13.405, radiusKm } });
        expect(plan, plan).to.include(`Index Scan using ${index}`);
      }
    });

  it('runs near= searches, and those in time order without words or tags, on a pool of their own, on generic plans made once per connection', async () => {
    const near = new pg.Pool({ connectionString: db.url, max: 1, options: GENERIC_PLANS });
    try {
      const search = new PgAnnouncementSearch(pool, true, near);
      // An empty table: each search asks all three of its windows of time.
      for (let i = 0; i < 3; i += 1) expect(await search.search({ ...base, near: { lat: 46, lon: -31, radiusKm: 10 } })).to.deep.equal([]);
      for (let i = 0; i < 2; i += 1) expect(await search.search({ ...base, city: 'Berlin' })).to.deep.equal([]);
      expect(await search.search({ ...base, q: 'noir' })).to.deep.equal([]);
      const named = async (on: pg.Pool, prefix: string) => (await on.query<{ generic_plans: string; custom_plans: string }>(
        'SELECT generic_plans, custom_plans FROM pg_prepared_statements WHERE name LIKE $1', [`${prefix}-%`])).rows.map((r) => [Number(r.generic_plans), Number(r.custom_plans)]);
      // Two texts: the first two windows end (`to`), the last does not; nine runs, none planned for its parameters.
      expect(await named(near, 'near')).to.have.deep.members([[6, 0], [3, 0]]);
      expect(await named(near, 'search')).to.deep.equal([[2, 0]]);
      // Words are planned for what they are, on the main pool.
      expect(await named(pool, '%')).to.deep.equal([]);
    } finally {
      await near.end();
    }
  });

  /** EXPLAIN of a search's statement prepared on `client` and run on its generic plan, as the generic-plan pool runs it. */
  const genericPlanOf = async (client: pg.ClientBase, criteria: SearchCriteria, options: string): Promise<string> => {
    const { text, values } = new PgAnnouncementSearch(pool, false).statement(criteria);
    try {
      await client.query('SET plan_cache_mode = force_generic_plan');
      await client.query(`PREPARE generic_search AS ${text}`);
      const execute = inline(`EXECUTE generic_search(${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
      return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (${options}) ${execute}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('DEALLOCATE ALL; RESET plan_cache_mode');
    }
  };

  // The generic plan of each search that runs on one walks the index its filter and its order call for.
  const generic: Array<[string, Partial<SearchCriteria>, string]> = [
    ['the first page', {}, 'announcements_by_time'],
    ['a window of days', { to: new Date(now.getTime() + 7 * 86_400_000) }, 'announcements_by_time'],
    ['the next page', { after: { sort: 'startsAt', startsAt: now.toISOString(), id: USERS.host } }, 'announcements_by_time'],
    ['a city', { city: 'Berlin', isFree: true, hasSeats: true }, 'announcements_by_city'],
    ['a film', { movieId: 'tt0133093' }, 'announcements_by_movie'],
    ['a host', { hostId: USERS.host }, 'announcements_by_host'],
  ];
  for (const [what, extra, index] of generic)
    it(`walks ${index} on the generic plan of a search for ${what}`, async () => {
      const criteria = { ...base, ...extra };
      expect(plannedOnce(criteria)).to.equal(true);
      const client = await pool.connect();
      try {
        const plan = await genericPlanOf(client, criteria, 'COSTS OFF');
        expect(plan, plan).to.include(`Index Scan using ${index}`).and.not.to.include('Sort Key: a.');
      } finally {
        client.release();
      }
    });

  it('never compiles a generic plan with JIT, however dear it is priced', async function () {
    if (!(await pool.query<{ on: boolean }>('SELECT pg_jit_available() AS on')).rows[0]!.on) this.skip();
    const planOn = async (options?: string): Promise<string> => {
      const client = new pg.Client({ connectionString: db.url, ...(options ? { options } : {}) });
      await client.connect();
      try {
        // Every plan past the threshold, as the first page's generic plan was at 10 M screenings.
        await client.query('SET jit_above_cost = 0');
        return await genericPlanOf(client, base, 'ANALYZE');
      } finally {
        await client.end();
      }
    };
    expect(await planOn()).to.include('JIT:');
    const plan = await planOn(GENERIC_PLANS);
    expect(plan, plan).not.to.include('JIT:');
  });

  it('plans words, tags and two of city, film and host for their values', () => {
    for (const extra of [{ q: 'noir' }, { tags: ['vegan'] }, { city: 'Berlin', movieId: 'tt0133093' }, { sort: 'rating' as const }])
      expect(plannedOnce({ ...base, ...extra }), JSON.stringify(extra)).to.equal(false);
  });

  it('walks the city index for a city search', async () => {
    const plan = await planOf({ ...base, city: 'Berlin' });
    expect(plan, plan).to.include('announcements_by_city');
  });
});
