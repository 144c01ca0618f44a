import { expect } from 'chai';
import fc from 'fast-check';
import pg from 'pg';
import { migrate } from '../../src/adapters/postgres/migrations.js';
import { approximateArea, AREA_RADIUS_KM, searchPointOf } from '../../src/domain/index.js';
import { anAnnouncement, greatCircleKm } from '../../src/testing/index.js';
import { createServerDatabase, serverProblem } from '../support/databases.js';
import { at, DAY, USERS } from '../support/fixtures.js';
import { backends } from './backends.js';

/** Coordinates as places are kept: 7 decimals. */
const coordinate = (min: number, max: number) => fc.integer({ min: min * 1e7, max: max * 1e7 }).map((n) => n / 1e7);

/** RULES §9 S1: a place is known to strangers only as its ~1 km cell, wherever it is looked for from. */
describe('The approximate area of a place', () => {
  it('is the same for every point of a cell, and within AREA_RADIUS_KM of each', () => {
    fc.assert(fc.property(coordinate(-89.99, 89.99), coordinate(-179.99, 179.99), (lat, lon) => {
      const area = approximateArea(lat, lon);
      expect(greatCircleKm(area, { lat, lon })).to.be.at.most(AREA_RADIUS_KM);
      // The cell's corners (just inside) share its area.
      const south = Math.floor(Math.round(lat * 1e7) / 1e5) / 100;
      const west = Math.floor(Math.round(lon * 1e7) / 1e5) / 100;
      for (const corner of [[south, west], [south + 0.0099999, west + 0.0099999]] as const)
        expect(approximateArea(corner[0], corner[1])).to.deep.equal(area);
    }), { numRuns: 2000 });
    expect(approximateArea(90, 180)).to.deep.equal({ lat: 89.995, lon: -179.995, radiusKm: AREA_RADIUS_KM });
  });
});

for (const backend of backends())
  describe(`near= searches on ${backend.name}`, function () {
    this.timeout(120_000);

    it('find two places of one cell by exactly the same circles, whatever the circles (so none homes in on either)', async () => {
      const storage = await backend.open();
      let run = 0;
      try {
        await fc.assert(fc.asyncProperty(
          coordinate(52.3, 52.7), coordinate(13.1, 13.7), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 0, max: 99_999 }),
          fc.array(fc.record({ dLat: fc.double({ min: -0.03, max: 0.03, noNaN: true }), dLon: fc.double({ min: -0.03, max: 0.03, noNaN: true }),
            radiusKm: fc.double({ min: 0.01, max: 3, noNaN: true }) }), { minLength: 1, maxLength: 6 }),
          async (lat, lon, dx, dy, circles) => {
            // Each run at a start of its own, looked for by that start alone: earlier runs' screenings stay out of the way.
            const start = at(DAY + (run += 1) * 3 * 3600_000);
            const south = Math.floor(Math.round(lat * 1e7) / 1e5) / 100;
            const west = Math.floor(Math.round(lon * 1e7) / 1e5) / 100;
            const other = { lat: Math.round((south + dx / 1e7) * 1e7) / 1e7, lon: Math.round((west + dy / 1e7) * 1e7) / 1e7 };
            const [a, b] = [
              anAnnouncement({ hostId: USERS.host, startsAt: start, place: { city: 'Berlin', address: 'A', lat, lon } }),
              anAnnouncement({ hostId: USERS.other, startsAt: start, place: { city: 'Berlin', address: 'B', ...other } }),
            ];
            expect(searchPointOf(a.snapshot().place)).to.deep.equal(searchPointOf(b.snapshot().place));
            const saved = await storage.uow.transaction(async (s) => {
              const first = await s.announcements.save(a, true);
              return first.isErr() ? first : s.announcements.save(b, true);
            });
            expect(saved.isOk()).to.equal(true);
            for (const c of circles) {
              const near = { lat: lat + c.dLat, lon: lon + c.dLon, radiusKm: c.radiusKm };
              const found = (await storage.search.search({
                viewerId: USERS.stranger, friendHostIds: [], status: 'open', sort: 'startsAt', limit: 10, near, from: start, to: new Date(start.getTime() + 1), now: start,
              })).map((h) => h.announcement.id);
              expect(found.includes(a.id), JSON.stringify(near)).to.equal(found.includes(b.id));
            }
          }), { numRuns: backend.name === 'memory' ? 150 : 60 });
      } finally {
        await storage.close();
      }
    });
  });

describe('The area of screenings announced before there were areas', function () {
  this.timeout(60_000);

  it('is filled in by the migration with exactly the domain’s point', async function () {
    if (await serverProblem()) this.skip();
    const database = await createServerDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: database.url });
    try {
      // Up to the migration that adds the columns, then screenings with places as the old code wrote them.
      await migrate(database.url, 'up', { count: 9 });
      await client.connect();
      const points = fc.sample(fc.record({ lat: coordinate(-89.9999999, 89.9999999), lon: coordinate(-180, 180) }), 300)
        .concat([{ lat: 90, lon: 180 }, { lat: -90, lon: -180 }, { lat: 52.5300000, lon: 13.4000000 }, { lat: -0.0000001, lon: -0.0000001 }]);
      for (const [i, p] of points.entries())
        await client.query(`INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, starts_at, duration_minutes, ends_at,
          city, address, lat, lon, capacity, privacy, is_free, approval, status, short_code, short_url, created_at, updated_at, version, start_set_at)
          VALUES (gen_random_uuid(), gen_random_uuid(), 'm', 'M', 90, 't', now() + $1 * interval '1 day', 90, now() + $1 * interval '1 day' + interval '90 minutes',
          'c', 'a', $2, $3, 4, 'public', true, 'manual', 'open', 'x' || $1, 'http://x/' || $1, now(), now(), 1, now() - interval '1 day')`, [i + 1, p.lat, p.lon]);
      await migrate(database.url);
      const rows = (await client.query<{ lat: number; lon: number; area_lat: number; area_lon: number }>('SELECT lat, lon, area_lat, area_lon FROM announcements')).rows;
      expect(rows).to.have.length(points.length);
      const differ = rows.filter((r) => {
        const area = approximateArea(r.lat, r.lon);
        return area.lat !== r.area_lat || area.lon !== r.area_lon;
      });
      expect(differ.slice(0, 3)).to.deep.equal([]);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});
