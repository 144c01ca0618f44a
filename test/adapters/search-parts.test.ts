import { expect } from 'chai';
import { PgAnnouncementSearch, searchParts } from '../../src/adapters/postgres/pg-announcement-search.js';
import type { Queryable } from '../../src/adapters/postgres/pg-client.js';
import { cellsAround } from '../../src/adapters/postgres/pg-geo-cells.js';
import type { SearchCriteria } from '../../src/application/index.js';
import { at, DAY, HOUR, T0, USERS } from '../support/fixtures.js';

const base: SearchCriteria = { viewerId: USERS.guest, friendHostIds: [], status: 'open', sort: 'startsAt', limit: 21, from: T0, now: T0 };
const near = { lat: 52.52, lon: 13.405, radiusKm: 10 };
const windows = (c: SearchCriteria) => searchParts(c).map((p) => [p.from?.toISOString() ?? null, p.to?.toISOString() ?? null]);

/** The windows of time a near= search on PostgreSQL reads, one after the other, until its page is full. */
describe('Parts of a near= search', () => {
  it('are a week, eight weeks, then the rest, from the start, touching and in order', () => {
    expect(windows({ ...base, near })).to.deep.equal([
      [T0.toISOString(), at(7 * DAY).toISOString()], [at(7 * DAY).toISOString(), at(63 * DAY).toISOString()], [at(63 * DAY).toISOString(), null],
    ]);
  });

  it('start at the cursor when it is later than the start, and end where the search ends', () => {
    const after = { sort: 'startsAt' as const, startsAt: at(10 * DAY).toISOString(), id: USERS.host };
    expect(windows({ ...base, near, after, to: at(30 * DAY) })).to.deep.equal([
      [T0.toISOString(), at(17 * DAY).toISOString()], [at(17 * DAY).toISOString(), at(30 * DAY).toISOString()],
    ]);
    expect(windows({ ...base, near, to: at(3 * DAY) })).to.deep.equal([[T0.toISOString(), at(3 * DAY).toISOString()]]);
    const { from: _from, ...noStart } = base;
    expect(windows({ ...noStart, near, after })).to.deep.equal([
      [null, at(17 * DAY).toISOString()], [at(17 * DAY).toISOString(), at(73 * DAY).toISOString()], [at(73 * DAY).toISOString(), null],
    ]);
  });

  it('are the search itself without a point, by rating, or without any start', () => {
    for (const c of [base, { ...base, near, sort: 'rating' as const }, { ...base, near, from: undefined }]) expect(searchParts(c)).to.deep.equal([c]);
    expect(searchParts({ ...base, near, to: at(HOUR) })).to.have.length(1);
  });
});

describe('The text of a near= statement', () => {
  const statement = (lat: number, radiusKm: number) => new PgAnnouncementSearch({} as Queryable).statement({ ...base, near: { lat, lon: 13.405, radiusKm } });
  const cellsOf = (text: string) => text.match(/a\.geo_cell_\w+ = \$/g)?.length ?? 0;

  it('lists its cells in steps of eight, so that searches share a few named statements', () => {
    const shapes = new Set<string>();
    for (const lat of [40, 45, 48.85, 52.52, 55, 60]) for (const radiusKm of [3, 5, 8, 10, 12]) {
      const { text, values, name } = statement(lat, radiusKm);
      expect(cellsOf(text), `${lat} ${radiusKm}`).to.be.above(0);
      expect(cellsOf(text) % 8, `${lat} ${radiusKm}`).to.equal(0);
      expect(values.filter((v) => v === -1).length).to.be.below(8);
      shapes.add(name!);
    }
    expect(shapes.size).to.be.at.most(4);
  });

  it('pads with a cell no place is in', () => {
    const { values } = statement(52.52, 10);
    const cells = cellsAround(52.52, 13.405, 10)!.cells;
    expect(values.filter((v) => v === -1)).to.have.length((8 - (cells.length % 8)) % 8);
  });
});
