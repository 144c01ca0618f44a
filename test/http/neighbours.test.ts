import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { DirectoryData } from '../../src/adapters/memory/memory-directory.js';
import type { Config } from '../../src/config.js';
import { memoryStorage } from '../../src/storage/memory.storage.js';
import { record } from '../reliability/reliability-record.js';
import { at, DAY, USERS } from '../support/fixtures.js';
import { TestApi, type HttpBackend } from '../support/http.js';
import { StandInNeighbours } from '../support/stand-in-neighbours.js';

const GUESTS = Array.from({ length: 25 }, (_, i) => `50000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const fixture = JSON.parse(readFileSync('test/fixtures/directory.json', 'utf8')) as DirectoryData;
/** The test directory, and 25 more users, all the host's friends. */
const DATA: DirectoryData = {
  users: [
    ...fixture.users.map((u) => (u.id === USERS.host ? { ...u, friends: [...(u.friends ?? []), ...GUESTS] } : u)),
    ...GUESTS.map((id, i) => ({ id, name: `Guest ${i + 1}` })),
  ],
  movies: fixture.movies,
};
const ORIGINAL_DESIGN_CALLS = (guests: number) => 2 + 2 * guests;

const timed = async <T>(work: Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const value = await work;
  return [value, Date.now() - started];
};

describe('Neighbours over HTTP, on the real wiring', () => {
  let standIn: StandInNeighbours;
  let api: TestApi;
  const backend = (open: HttpBackend['open'] = async () => ({ ...(await memoryStorage()), seedRating: async () => undefined })): HttpBackend =>
    ({ name: 'memory, neighbours over HTTP', open, neighbours: async () => standIn });
  /** A second service on the same data, with nothing cached yet. */
  const cold = (config: Partial<Config> = {}) =>
    TestApi.start(backend(async () => ({ ...api.service.storage, seedRating: async () => undefined })), config, api.clock);

  before(async () => { standIn = await StandInNeighbours.start(DATA); });
  after(() => standIn.stop());
  beforeEach(async () => {
    standIn.reset();
    api = await TestApi.start(backend());
  });
  afterEach(() => api.stop());

  const friendsOnlyWithGuests = async (guests: readonly string[]) => {
    const a = await api.announce({ privacy: 'friends', approval: 'auto', capacity: 30 });
    for (const guest of guests) expect((await api.book(a.id, guest)).status).to.equal(201);
    return a;
  };

  describe('call budget', () => {
    it('reads a screening with 25 guests in at most 2 calls to the user service and 1 to the film catalogue', async () => {
      const a = await friendsOnlyWithGuests(GUESTS);
      const reader = await cold();
      try {
        standIn.reset();
        // One of the guests (S2: the guest list is for the host and accepted guests): every name in one batch.
        const reply = await reader.get(`/api/v1/announcements/${a.id}`, { as: GUESTS[0]! });
        expect(reply.status).to.equal(200);
        expect(reply.body.host.name).to.equal('Hanna Host');
        expect(reply.body.guests.map((g: { name: string }) => g.name).sort()).to.deep.equal(GUESTS.map((_, i) => `Guest ${i + 1}`).sort());
        // A friend of the host who has not booked: the service asks who the host's friends are, and shows a count.
        const friend = await reader.get(`/api/v1/announcements/${a.id}`, { as: USERS.friend });
        expect([friend.status, friend.body.guests, friend.body.guestCount]).to.deep.equal([200, undefined, GUESTS.length]);
        const calls = { users: standIn.count('users'), films: standIn.count('films') };
        expect(calls.users).to.be.at.most(2);
        expect(calls.films).to.be.at.most(1);
        record('neighbour calls, one detail read with 25 guests (cold caches)', { ...calls, 'original design': ORIGINAL_DESIGN_CALLS(25) });
      } finally {
        await reader.stop();
      }
    });

    it('reads a search page of 20 screenings by 20 hosts in at most 2 calls to each service', async () => {
      for (const host of GUESTS.slice(0, 20)) await api.announce({ startsAt: at(2 * DAY).toISOString() }, host);
      const reader = await cold();
      try {
        standIn.reset();
        const reply = await reader.get('/api/v1/announcements?limit=20', { as: USERS.other });
        expect(reply.body.items).to.have.length(20);
        expect(reply.body.items.every((i: { host: { name: string | null } }) => i.host.name?.startsWith('Guest '))).to.equal(true);
        const calls = { users: standIn.count('users'), films: standIn.count('films') };
        expect(calls.users).to.be.at.most(2);
        expect(calls.films).to.be.at.most(2);
        record('neighbour calls, one search page of 20 (cold caches)', { ...calls, 'original design': ORIGINAL_DESIGN_CALLS(20) });
      } finally {
        await reader.stop();
      }
    });
  });

  describe('when the user service hangs', () => {
    it('still answers public reads within 2.5 s, with names missing (null)', async () => {
      const a = await api.announce({ approval: 'auto' });
      await api.book(a.id, USERS.guest);
      const reader = await cold();
      try {
        standIn.fault('users', { kind: 'hang' });
        const [detail, detailMs] = await timed(reader.get(`/api/v1/announcements/${a.id}`, { as: USERS.other }));
        expect(detail.status).to.equal(200);
        expect([detail.body.host.name, detail.body.guestCount]).to.deep.equal([null, 1]);
        expect(detail.body.host.id).to.equal(USERS.host);
        const [search, searchMs] = await timed(reader.get('/api/v1/announcements', { as: USERS.other }));
        expect(search.status).to.equal(200);
        expect(search.body.items.map((i: { id: string; host: { name: null } }) => [i.id, i.host.name])).to.deep.equal([[a.id, null]]);
        expect(Math.max(detailMs, searchMs)).to.be.below(2500);
        expect((await reader.get('/readyz')).status).to.equal(200);
      } finally {
        await reader.stop();
      }
    });

    it('fails closed on friends-only screenings: only the host and its guests see them until friendship can be checked', async () => {
      const a = await friendsOnlyWithGuests([USERS.friend]);
      // A shorter timeout than the default: this test waits for several.
      const reader = await cold({ neighbours: { ...standIn.config, timeoutMs: 200 } });
      try {
        standIn.fault('users', { kind: 'hang' });
        const read = (as: string) => reader.get(`/api/v1/announcements/${a.id}`, { as });
        expect((await read(USERS.host)).status).to.equal(200);
        expect((await read(USERS.friend)).status).to.equal(200);
        const unbookedFriend = GUESTS[0]!;
        expect((await read(unbookedFriend)).status).to.equal(404);
        expect((await reader.get('/api/v1/announcements', { as: unbookedFriend })).body.items).to.deep.equal([]);
        expect((await reader.book(a.id, unbookedFriend)).status).to.equal(404);
      } finally {
        await reader.stop();
      }
      standIn.fault('users', null);
      const recovered = await cold();
      try {
        expect((await recovered.get(`/api/v1/announcements/${a.id}`, { as: GUESTS[0]! })).status).to.equal(200);
      } finally {
        await recovered.stop();
      }
    });
  });

  describe('when the film catalogue is down', () => {
    for (const fault of [{ kind: 'hang' }, { kind: 'status', status: 502 }] as const) {
      it(`refuses to create a screening at once with 503 and Retry-After, and writes nothing (${fault.kind})`, async () => {
        standIn.fault('films', fault);
        const [reply, ms] = await timed(api.post('/api/v1/announcements', {
          as: USERS.host, body: { movieId: 'film-90', title: 'Film night', startsAt: at(DAY).toISOString(), place: { city: 'Berlin', address: 'Torstraße 1' }, capacity: 4 },
        }));
        expect(reply.status).to.equal(503);
        expect(reply.headers.get('content-type')).to.contain('application/problem+json');
        expect(reply.headers.get('retry-after')).to.match(/^\d+$/);
        expect(reply.body).to.include({ code: 'NEIGHBOUR.UNAVAILABLE', neighbour: 'films' });
        expect(ms).to.be.below(1500);
        expect((await api.get(`/api/v1/announcements?hostId=${USERS.host}`, { as: USERS.host })).body.items).to.deep.equal([]);
        expect(standIn.count('shortener')).to.equal(0);
      });
    }

    it('still reads screenings, with no call to the catalogue (titles are stored)', async () => {
      const a = await api.announce();
      standIn.reset();
      standIn.fault('films', { kind: 'hang' });
      const reply = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.other });
      expect([reply.status, reply.body.movie.title, standIn.count('films')]).to.deep.equal([200, 'Ninety Minutes', 0]);
    });

    it('still says 422 for a film the catalogue does not know', async () => {
      const reply = await api.post('/api/v1/announcements', {
        as: USERS.host, body: { movieId: 'tt9999999', title: 'Film night', startsAt: at(DAY).toISOString(), place: { city: 'Berlin', address: 'Torstraße 1' }, capacity: 4 },
      });
      expect([reply.status, reply.body.code]).to.deep.equal([422, 'MOVIE.UNKNOWN']);
    });
  });

  it('creates screenings and bookings with the built-in link when the short-link service hangs', async () => {
    standIn.fault('shortener', { kind: 'hang' });
    const a = await api.announce({ approval: 'auto', startsAt: at(DAY).toISOString() });
    expect(a.shortUrl).to.match(/^http:\/\/wt\.test\/s\/[0-9A-Za-z]{12}$/);
    const booked = await api.book(a.id, USERS.guest);
    expect([booked.status, booked.body.shortUrl]).to.satisfy(([status, url]: [number, string]) => status === 201 && url.startsWith('http://wt.test/s/'));
    standIn.fault('shortener', null);
    expect((await api.announce({ startsAt: at(2 * DAY).toISOString() })).shortUrl).to.match(new RegExp(`^${standIn.url}/l/`));
  });

  describe('when the identity provider’s key set is down', () => {
    it('answers 401, not 500, while no key was ever fetched', async () => {
      standIn.fault('jwks', { kind: 'status', status: 503 });
      const reply = await api.get('/api/v1/bookings', { as: USERS.host });
      expect([reply.status, reply.body.code]).to.deep.equal([401, 'AUTH.UNAUTHENTICATED']);
    });

    it('keeps accepting tokens signed with keys already fetched, and refuses a new kid', async () => {
      expect((await api.get('/api/v1/bookings', { as: USERS.host })).status).to.equal(200);
      const known = await standIn.sign(USERS.host);
      const kid = await standIn.addKey('RS256');
      try {
        standIn.fault('jwks', { kind: 'hang' });
        const as = async (token: string) => (await api.get('/api/v1/bookings', { headers: { Authorization: `Bearer ${token}` } })).status;
        expect(await as(known)).to.equal(200);
        expect(await as(await standIn.sign(USERS.host, { kid }))).to.equal(401);
      } finally {
        standIn.retireKey(kid);
      }
    });
  });

  it('passes the request id on to every neighbour it calls', async () => {
    const a = await friendsOnlyWithGuests([]);
    const reader = await cold();
    try {
      standIn.reset();
      const reply = await reader.get(`/api/v1/announcements/${a.id}`, { as: USERS.friend, headers: { 'X-Request-Id': 'trace-neighbours-42' } });
      expect(reply.status).to.equal(200);
      const seen = [...standIn.calls.users, ...standIn.calls.jwks];
      expect(seen.length).to.be.at.least(3);
      expect(seen.map((c) => c.requestId)).to.deep.equal(seen.map(() => 'trace-neighbours-42'));
    } finally {
      await reader.stop();
    }
  });

  it('shows every neighbour’s calls, latency and breaker in /metrics, and stays ready while they are down', async () => {
    await api.announce(); // one call to each: the key set, the film, the short link, the host's name
    standIn.fault('users', { kind: 'status', status: 500 });
    await api.get('/api/v1/announcements', { as: USERS.other });
    const metrics = (await api.get('/metrics')).text;
    for (const line of [
      'neighbour_calls_total{neighbour="films",outcome="ok"} 1',
      'neighbour_calls_total{neighbour="shortener",outcome="ok"} 1',
      'neighbour_calls_total{neighbour="jwks",outcome="ok"} 1',
      'neighbour_calls_total{neighbour="users",outcome="ok"} 1',
      'neighbour_calls_total{neighbour="users",outcome="error"} 1',
      'neighbour_call_duration_seconds_count{neighbour="users"} 2',
      'neighbour_breaker_open{neighbour="users"} 0',
      'neighbour_breaker_open{neighbour="films"} 0',
    ]) expect(metrics).to.contain(line);
    standIn.fault('films', { kind: 'hang' });
    const [ready, ms] = await timed(api.get('/readyz'));
    expect([ready.status, ms < 500]).to.deep.equal([200, true]);
    expect(ready.body.checks).to.deep.equal({ database: 'ok', users: 'ok', films: 'ok', shortener: 'ok' });
    // Five failures in a row open the users' breaker: reported, and still ready (names go missing, reads go on).
    for (let i = 0; i < 5; i += 1) await api.get(`/api/v1/users/${USERS.host}/rating`, { as: USERS.other }).then(() => api.get('/api/v1/announcements?limit=1', { as: USERS.friend }));
    const degraded = await api.get('/readyz');
    expect([degraded.status, degraded.body.checks.users]).to.deep.equal([200, 'circuit breaker open']);
  });

});
