import { expect } from 'chai';
import pg from 'pg';
import { DETAIL } from '../../src/adapters/postgres/pg-detail-reader.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';

/** The statements that read a screening's accepted bookings, as the service and the seat check send them. */
const BY_SCREENING = {
  'the guest list (detail read)': `SELECT b.guest_id, b.seats FROM bookings b WHERE b.announcement_id = $1 AND b.status = 'accepted' ORDER BY b.created_at, b.id`,
  'the deferred seat check': `SELECT coalesce(sum(seats), 0) FROM bookings WHERE announcement_id = $1 AND status = 'accepted'`,
  'the participants’ ratings (detail read)': `SELECT p.participant_id FROM (SELECT host_id AS participant_id FROM announcements WHERE id = $1
    UNION SELECT guest_id FROM bookings WHERE announcement_id = $1 AND status = 'accepted') p`,
  'the detail read, in one statement (screening, viewer)': DETAIL,
};

/**
 * A screening's accepted bookings are read through bookings_accepted_of_announcement. With one
 * booking per screening in the statistics and rows written since the last VACUUM, PostgreSQL
 * priced the GiST exclusion index (guest, time, screening), which cannot seek on its third
 * column, a tenth of a unit cheaper: every detail read and every booking's seat check then
 * walked the whole index (35-45 ms at 500 k bookings, docs/WRITE-PLANS.md).
 */
describe('Plans of the reads by screening on PostgreSQL', function () {
  this.timeout(120_000);
  let db: TestDatabase;
  let client: pg.Client;
  before(async function () {
    if (await serverProblem()) this.skip();
    db = await createServerDatabase();
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    // 30 000 screenings with one accepted booking each (triggers off, as a restore), analysed, then written to.
    await client.query("SET session_replication_role = 'replica'");
    await client.query(`INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, starts_at, duration_minutes, ends_at,
      city, address, capacity, privacy, is_free, approval, status, short_code, short_url, created_at, updated_at, version, start_set_at)
      SELECT gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 't', now() + g * interval '1 minute', 90, now() + g * interval '1 minute' + interval '90 minutes',
      'c', 'a', 40, 'public', true, 'manual', 'open', 'p' || g, 'http://x/' || g, now(), now(), 1, now() FROM generate_series(1, 30000) g`);
    const book = (prefix: string, limit: number) => client.query(`INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, status, short_code, short_url,
      starts_at, ends_at, created_at, updated_at, decided_at, cancelled_with_announcement)
      SELECT gen_random_uuid(), a.id, gen_random_uuid(), a.host_id, 1, 'accepted', '${prefix}' || a.short_code, 'u', a.starts_at, a.ends_at, now(), now(), now(), false
      FROM announcements a ORDER BY a.short_code LIMIT ${limit}`);
    await book('h', 30000);
    await client.query('VACUUM ANALYZE bookings');
    await book('n', 500);
    await client.query("SET session_replication_role = 'origin'");
    // Prepared statements settle on a generic plan: the one priced from the statistics alone.
    await client.query('SET plan_cache_mode = force_generic_plan');
  });
  after(async () => {
    await client?.end();
    await db?.drop();
  });

  for (const [what, text] of Object.entries(BY_SCREENING))
    it(`reads ${what} from bookings_accepted_of_announcement`, async () => {
      const name = `p${Object.keys(BY_SCREENING).indexOf(what)}`;
      const uuids = text.includes('$2') ? ['uuid', 'uuid'] : ['uuid'];
      await client.query(`PREPARE ${name}(${uuids.join(', ')}) AS ${text}`);
      const plan = (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN EXECUTE ${name}(${uuids.map(() => 'gen_random_uuid()').join(', ')})`)).rows
        .map((r) => r['QUERY PLAN']).join('\n');
      expect(plan, plan).to.include('bookings_accepted_of_announcement').and.not.to.include('bookings_guest_no_overlap');
    });
});
