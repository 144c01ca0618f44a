import { expect } from 'chai';
import {
  Announcement, diffFields, notificationIntents, ratingSide, TimeRange,
  type AnnouncementDraft, type AnnouncementState, type DomainError,
} from '../../src/domain/index.js';
import { anAnnouncement } from '../support/domain-builders.js';
import { aDraft, at, FILM, HOUR, T0, USERS } from '../support/fixtures.js';

const issuesOf = (draft: Partial<AnnouncementDraft>): Array<{ path: string; message: string }> => {
  const result = Announcement.create({ id: 'a', hostId: USERS.host, film: FILM, draft: aDraft(draft), link: { code: 'c', url: 'u' }, now: T0 });
  if (result.isOk()) return [];
  const error: DomainError = result.error;
  return error.code === 'ANNOUNCEMENT.INVALID' ? [...error.issues] : [{ path: '?', message: error.code }];
};
const x = (n: number) => 'x'.repeat(n);

/** Every limit of RULES §2, at its edge: the last value taken and the first refused, with the message a client reads. */
describe('The limits of a screening (§2)', () => {
  const edges: Array<[string, Partial<AnnouncementDraft>, Partial<AnnouncementDraft>, string, string]> = [
    ['title', { title: x(256) }, { title: x(257) }, 'title', 'must be 1–256 characters'],
    ['blank title', { title: 'a' }, { title: '   ' }, 'title', 'must be 1–256 characters'],
    ['description', { description: x(4096) }, { description: x(4097) }, 'description', 'must be 0–4096 characters'],
    ['duration', { durationMinutes: 1440 }, { durationMinutes: 1441 }, 'durationMinutes', 'must be a whole number from 1 to 1440'],
    ['short duration', { durationMinutes: 1 }, { durationMinutes: 0 }, 'durationMinutes', 'must be a whole number from 1 to 1440'],
    ['fractional duration', { durationMinutes: 90 }, { durationMinutes: 90.5 }, 'durationMinutes', 'must be a whole number from 1 to 1440'],
    ['capacity', { capacity: 100 }, { capacity: 101 }, 'capacity', 'must be a whole number from 1 to 100'],
    ['small capacity', { capacity: 1 }, { capacity: 0 }, 'capacity', 'must be a whole number from 1 to 100'],
    ['tags', { tags: Array.from({ length: 10 }, (_, i) => `t${i}`) }, { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'tags', 'at most 10 tags'],
    ['tag word', { tags: ['no-pets', '18plus'] }, { tags: ['No Pets'] }, 'tags.0', 'must be a short lowercase word (a-z, 0-9, -)'],
    ['city', { place: { city: x(100), address: 'a' } }, { place: { city: x(101), address: 'a' } }, 'place.city', 'must be 1–100 characters'],
    ['address', { place: { city: 'c', address: x(256) } }, { place: { city: 'c', address: x(257) } }, 'place.address', 'must be 1–256 characters'],
    ['latitude', { place: { city: 'c', address: 'a', lat: -90, lon: 180 } }, { place: { city: 'c', address: 'a', lat: 90.01, lon: 0 } }, 'place.lat', 'must be within ±90'],
    ['longitude', { place: { city: 'c', address: 'a', lat: 90, lon: -180 } }, { place: { city: 'c', address: 'a', lat: 0, lon: 180.01 } }, 'place.lon', 'must be within ±180'],
    ['latitude alone', { place: { city: 'c', address: 'a' } }, { place: { city: 'c', address: 'a', lat: 1 } }, 'place.lon', 'lat and lon come together'],
    ['longitude alone', { place: { city: 'c', address: 'a' } }, { place: { city: 'c', address: 'a', lon: 1 } }, 'place.lat', 'lat and lon come together'],
    ['start', { startsAt: at(HOUR) }, { startsAt: new Date(Number.NaN) }, 'startsAt', 'must be a valid instant'],
  ];
  for (const [what, taken, refused, path, message] of edges)
    it(`takes the last ${what} allowed and refuses the first beyond, naming ${path}`, () => {
      expect(issuesOf(taken), 'taken').to.deep.equal([]);
      expect(issuesOf(refused)).to.deep.equal([{ path, message }]);
    });

  it('names the text rule before the length rule', () => {
    expect(issuesOf({ title: '\u0000' })).to.deep.equal([{ path: 'title', message: 'must not contain NUL characters' }]);
  });
});

describe('Time ranges', () => {
  it('builds [start, end) from two instants, and refuses an empty or backwards one', () => {
    const range = TimeRange.between(at(0), at(HOUR));
    expect([range.start, range.end]).to.deep.equal([at(0), at(HOUR)]);
    expect(() => TimeRange.between(at(HOUR), at(HOUR))).to.throw(RangeError, 'a time range must end after it starts');
    expect(() => TimeRange.between(at(HOUR), at(0))).to.throw(RangeError);
  });
});

describe('Rating sides', () => {
  it('averages the scores it was given', () => {
    expect(ratingSide(9, 2)).to.deep.equal({ average: 4.5, count: 2, score: 3.43 });
  });
});

describe('Who is told of seat changes', () => {
  it('nobody: a seat count is saved, not announced', () => {
    expect(notificationIntents({ type: 'SeatsChanged', announcementId: 'a', seatsTaken: 2 }, { hostId: USERS.host, participants: [USERS.guest], applicants: [] }))
      .to.deep.equal([]);
  });
});

describe('What changed for a guest (diffFields)', () => {
  const fields = ['title', 'startsAt', 'place', 'tags', 'isFree'] as const;
  let base: AnnouncementState;
  beforeEach(() => { base = anAnnouncement({ tags: ['snacks', 'quiet'] }).snapshot(); });
  const changed = (after: Partial<AnnouncementState>) => diffFields(base, { ...base, ...after }, fields);

  it('sees nothing when nothing changed, even for new but equal dates, arrays and places', () => {
    expect(changed({ startsAt: new Date(base.startsAt.getTime()), tags: [...base.tags], place: { ...base.place } })).to.deep.equal([]);
  });

  it('sees a moved start, a changed place field, a reordered or changed tag list, and a flipped flag', () => {
    expect(changed({ startsAt: at(2 * HOUR) })).to.deep.equal(['startsAt']);
    expect(changed({ place: { ...base.place, address: 'Elsewhere 2' } })).to.deep.equal(['place']);
    expect(changed({ place: { city: base.place.city, address: base.place.address } })).to.deep.equal(['place']);
    expect(changed({ tags: ['quiet', 'snacks'] })).to.deep.equal(['tags']);
    expect(changed({ tags: ['snacks'] })).to.deep.equal(['tags']);
    expect(changed({ isFree: !base.isFree, title: 'New' })).to.deep.equal(['title', 'isFree']);
  });

  it('compares values, not kinds: a date against its string, nothing against something', () => {
    const odd = (a: unknown, b: unknown) => diffFields({ ...base, title: a } as never, { ...base, title: b } as never, ['title']);
    expect(odd(at(0), at(0).toISOString())).to.deep.equal(['title']);
    expect(odd(null, {})).to.deep.equal(['title']);
    expect(odd({ a: 1 }, { a: 1 })).to.deep.equal([]);
  });
});
