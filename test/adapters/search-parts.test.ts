import { expect } from 'chai';
import { searchParts } from '../../src/adapters/postgres/pg-announcement-search.js';
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
