import { expect } from 'chai';
import { decodeCursor, encodeCursor, isCursorId, isCursorInstant, pageOf, parseSearchCursor, parseTimeKey } from '../../src/application/index.js';

const ID = '01a218b7-8fe9-77e6-b281-33f465b4698f';
const AT = '2030-03-01T12:00:00.000Z';
const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Cursors go out as opaque text and come back from anyone: what is given out reads back, anything else is refused. */
describe('Cursors', () => {
  it('read back exactly what was given out, unpadded base64url, whatever the characters', () => {
    // {"k":"é~é?"} is "eyJrIjoiw6l+w6k/In0=" in standard base64: both alphabets' differences and padding.
    for (const key of [{ createdAt: AT, id: ID }, { note: 'Ciné ✓ 🎬?>', n: 1.5 }, { k: 'é~é?' }, { a: '' }, { ab: 'c' }]) {
      const cursor = encodeCursor(key);
      expect(cursor, JSON.stringify(key)).to.match(/^[A-Za-z0-9_-]+$/);
      expect(cursor).to.equal(raw(JSON.stringify(key)));
      expect(decodeCursor(cursor)).to.deep.equal(key);
    }
  });

  it('refuse text that is not base64url, not UTF-8, not JSON, or not a JSON object', () => {
    const notUtf8 = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]).toString('base64url');
    for (const cursor of ['eyJrIjoiw6l+w6k/In0=', 'eyJrIjoiw6l+w6k_In0', 'a b', notUtf8, raw('{"a":'), raw('[1]'), raw('42'), raw('null'), raw('"x"')])
      expect(decodeCursor(cursor), cursor).to.equal(null);
  });

  it('take ids that are UUIDs and instants exactly as toISOString writes them', () => {
    expect([isCursorId(ID), isCursorId(ID.toUpperCase()), isCursorId(`x${ID}`), isCursorId(`${ID}0`), isCursorId(42)]).to.deep.equal([true, true, false, false, false]);
    const instants = [AT, '0001-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '0000-12-31T23:59:59.999Z', '2030-02-30T12:00:00.000Z', '2030-13-01T12:00:00.000Z', '2030-03-01T12:00:00Z',
      '2030-03-01T12:00:00.000z', '+02030-03-01T12:00:00.000Z', '+275760-09-13T00:00:00.000Z', `x${AT}`, `${AT}x`, '1', 1, null];
    expect(instants.map(isCursorInstant)).to.deep.equal([true, true, true, false, false, false, false, false, false, false, false, false, false, false, false]);
  });

  it('of time-ordered lists: no cursor is no key, a cursor we never gave out is refused', () => {
    expect(parseTimeKey(undefined)).to.equal(undefined);
    expect(parseTimeKey(encodeCursor({ createdAt: AT, id: ID }))).to.deep.equal({ createdAt: AT, id: ID });
    expect(parseTimeKey(encodeCursor({ createdAt: AT }))).to.equal(null);
    expect(parseTimeKey(encodeCursor({ createdAt: '2030-13-01T00:00:00.000Z', id: ID }))).to.equal(null);
  });

  it('of searches: bound to their sort, with a rating score from 1 to 5', () => {
    const byRating = (score: unknown) => encodeCursor({ sort: 'rating', score, startsAt: AT, id: ID });
    expect(parseSearchCursor(byRating(1), 'rating')).to.deep.equal({ sort: 'rating', score: 1, startsAt: AT, id: ID });
    expect(parseSearchCursor(byRating(5), 'rating')).to.deep.equal({ sort: 'rating', score: 5, startsAt: AT, id: ID });
    for (const score of [0.99, 5.01, '4', null, undefined]) expect(parseSearchCursor(byRating(score), 'rating'), String(score)).to.equal(null);
    expect(parseSearchCursor(byRating(3), 'startsAt')).to.equal(null);
    expect(parseSearchCursor(encodeCursor({ sort: 'startsAt', startsAt: AT, id: ID }), 'startsAt')).to.deep.equal({ sort: 'startsAt', startsAt: AT, id: ID });
    expect(parseSearchCursor(encodeCursor({ sort: 'startsAt', startsAt: AT, id: 'x' }), 'startsAt')).to.equal(null);
  });
});

describe('Pages', () => {
  const page = (rows: number[], limit: number) => pageOf(rows, limit, (n) => n * 10, (n) => ({ n }));

  it('cut a fetch of limit + 1 rows: the extra row only says there is more', () => {
    expect(page([1, 2, 3], 2)).to.deep.equal({ items: [10, 20], nextCursor: encodeCursor({ n: 2 }) });
    expect(page([1, 2], 2)).to.deep.equal({ items: [10, 20], nextCursor: null });
    expect(page([], 2)).to.deep.equal({ items: [], nextCursor: null });
  });
});
