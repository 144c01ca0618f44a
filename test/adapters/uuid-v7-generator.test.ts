import { expect } from 'chai';
import sinon from 'sinon';
import { validate, version } from 'uuid';
import { UuidV7Generator } from '../../src/adapters/system/uuid-v7-generator.js';

describe('UuidV7Generator', () => {
  afterEach(() => sinon.restore());

  it('gives valid version-7 ids, strictly increasing within a millisecond and across the pool refills', () => {
    sinon.useFakeTimers({ now: Date.parse('2026-12-07T12:00:00Z'), toFake: ['Date'] });
    const ids = new UuidV7Generator();
    const made = Array.from({ length: 1_000 }, () => ids.next()); // 16 000 random bytes: the 4 kB pool refills at least three times
    for (const id of made) expect(validate(id) && version(id), id).to.equal(7);
    for (let i = 1; i < made.length; i += 1) expect(made[i]! > made[i - 1]!, `${made[i - 1]} then ${made[i]}`).to.equal(true);
    expect(new Set(made.map((id) => id.slice(-12))).size, 'random tails').to.be.above(990);
  });

  it('carries the clock in its first 48 bits and stays increasing when the clock steps back', () => {
    const clock = sinon.useFakeTimers({ now: Date.parse('2026-12-07T12:00:00Z'), toFake: ['Date'] });
    const ids = new UuidV7Generator();
    const first = ids.next();
    expect(parseInt(first.replace(/-/g, '').slice(0, 12), 16)).to.equal(Date.parse('2026-12-07T12:00:00Z'));
    clock.tick(5);
    const later = ids.next();
    expect(parseInt(later.replace(/-/g, '').slice(0, 12), 16)).to.equal(Date.parse('2026-12-07T12:00:00.005Z'));
    clock.setSystemTime(Date.parse('2026-12-07T11:59:00Z'));
    expect(ids.next() > later).to.equal(true);
  });
});
