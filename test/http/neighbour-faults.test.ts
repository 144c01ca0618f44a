import { expect } from 'chai';
import { SignJWT } from 'jose';
import { AccessTokensByAlgorithm } from '../../src/adapters/auth/access-tokens-by-algorithm.js';
import { Hs256AccessTokens } from '../../src/adapters/auth/hs256-access-tokens.js';
import { Registry } from 'prom-client';
import { HttpUserDirectory, USER_CACHE_POLICY } from '../../src/adapters/neighbours/http-user-directory.js';
import { DEFAULT_NEIGHBOUR_SETTINGS, NeighbourClient, NeighbourMetrics } from '../../src/adapters/neighbours/neighbour-client.js';
import { NeighbourUnavailableError } from '../../src/application/index.js';
import { FILM, USERS } from '../support/fixtures.js';
import { freePort } from '../support/free-port.js';
import { httpAdapters } from '../support/neighbour-adapters.js';
import { StandInNeighbours, type Fault, type Neighbour } from '../support/stand-in-neighbours.js';

const TIMEOUT_MS = 500;
const DATA = {
  users: [{ id: USERS.host, name: 'Hanna Host', friends: [USERS.friend] }, { id: USERS.guest, name: 'Gus Guest' }, { id: USERS.friend, name: 'Fran Friend' }],
  movies: [FILM],
};

/** How long a promise takes to settle, and how. */
const timed = async <T>(work: Promise<T>): Promise<{ ms: number; value?: T; error?: unknown }> => {
  const started = Date.now();
  try {
    const value = await work;
    return { ms: Date.now() - started, value };
  } catch (error) {
    return { ms: Date.now() - started, error };
  }
};

/** Every fault of the issue, with the calls it costs: a quick failure is asked once more, a timeout or a wrong answer is not. */
const FAULTS: Array<{ name: string; fault: Fault; calls: number }> = [
  { name: 'hangs', fault: { kind: 'hang' }, calls: 1 },
  { name: 'answers 500', fault: { kind: 'status', status: 500 }, calls: 2 },
  { name: 'answers 400', fault: { kind: 'status', status: 400 }, calls: 1 },
  { name: 'drops the connection', fault: { kind: 'reset' }, calls: 2 },
  { name: 'sends malformed JSON', fault: { kind: 'malformed' }, calls: 1 },
  { name: 'sends the wrong shape', fault: { kind: 'wrong-shape' }, calls: 1 },
  { name: 'answers just over the timeout', fault: { kind: 'slow', ms: TIMEOUT_MS + 300 }, calls: 1 },
];

describe('Neighbours over HTTP when they fail', () => {
  let standIn: StandInNeighbours;
  let n: ReturnType<typeof httpAdapters>;
  before(async () => { standIn = await StandInNeighbours.start(DATA); });
  after(() => standIn.stop());
  beforeEach(() => {
    standIn.reset();
    // A breaker that never opens here: each case sees its own fault, not the last one's.
    n = httpAdapters(standIn.config, { timeoutMs: TIMEOUT_MS, breakAfter: 1000 });
  });

  const reads: Array<{ neighbour: Neighbour; name: string; read: () => Promise<unknown>; expected: unknown }> = [
    { neighbour: 'users', name: 'names', read: () => n.users.namesOf([USERS.host, USERS.guest]), expected: new Map([[USERS.host, 'Hanna Host'], [USERS.guest, 'Gus Guest']]) },
    { neighbour: 'users', name: 'friends', read: () => n.users.friendsOf(USERS.host), expected: [USERS.friend] },
    { neighbour: 'films', name: 'a film', read: () => n.films.byId(FILM.id), expected: FILM },
  ];

  for (const { neighbour, name, read, expected } of reads) {
    describe(`reading ${name} from the ${neighbour} service`, () => {
      for (const { name: when, fault, calls } of FAULTS) {
        it(`fails as unavailable, within the timeout, when it ${when} (${calls} call${calls > 1 ? 's' : ''})`, async () => {
          standIn.fault(neighbour, fault);
          const { ms, error } = await timed(read());
          expect(error).to.be.instanceOf(NeighbourUnavailableError);
          expect((error as NeighbourUnavailableError).neighbour).to.equal(neighbour);
          expect(ms).to.be.below(TIMEOUT_MS + 400);
          expect(standIn.count(neighbour)).to.equal(calls);
        });
      }

      it('fails as unavailable when nothing listens there', async () => {
        const closed = `http://127.0.0.1:${await freePort()}`;
        n = httpAdapters({ usersUrl: closed, moviesUrl: closed, shortenerUrl: closed, jwksUrl: closed }, { timeoutMs: TIMEOUT_MS });
        expect((await timed(read())).error).to.be.instanceOf(NeighbourUnavailableError);
      });

      it('answers when the service is slow but within the timeout, and asks again after a failure', async () => {
        // A timeout of its own, a second above the answer's delay: with 200 ms to spare, a busy CI
        // machine once stalled past it (a flake in a fresh-clone run, 2026-12-07).
        n = httpAdapters(standIn.config, { timeoutMs: 3 * TIMEOUT_MS, breakAfter: 1000 });
        standIn.fault(neighbour, { kind: 'status', status: 503 });
        expect((await timed(read())).error).to.be.instanceOf(NeighbourUnavailableError);
        standIn.fault(neighbour, { kind: 'slow', ms: TIMEOUT_MS });
        const { ms, value } = await timed(read());
        expect(value).to.deep.equal(expected);
        expect(ms, 'answered only after its delay').to.be.at.least(TIMEOUT_MS - 10);
      });
    });
  }

  describe('the circuit breaker', () => {
    it('opens after five failures in a row, fails at once while open, and closes when the service is back', async () => {
      n = httpAdapters(standIn.config, { timeoutMs: TIMEOUT_MS, breakAfter: 5, halfOpenAfterMs: 300 });
      standIn.fault('films', { kind: 'status', status: 500 });
      for (let i = 0; i < 3; i++) expect((await timed(n.films.byId(`f${i}`))).error).to.be.instanceOf(NeighbourUnavailableError);
      const called = standIn.count('films');
      const open = await timed(n.films.byId('f9'));
      expect(open.error).to.be.instanceOf(NeighbourUnavailableError);
      expect(String((open.error as Error).message)).to.contain('circuit breaker is open');
      expect(open.ms).to.be.below(50);
      expect(standIn.count('films')).to.equal(called);
      expect(await n.registry.getSingleMetricAsString('neighbour_breaker_open')).to.contain('neighbour_breaker_open{neighbour="films"} 1');
      standIn.fault('films', null);
      await new Promise((r) => setTimeout(r, 350));
      expect(await n.films.byId(FILM.id)).to.deep.equal(FILM);
      expect(await n.registry.getSingleMetricAsString('neighbour_breaker_open')).to.contain('neighbour_breaker_open{neighbour="films"} 0');
    });
  });

  describe('batching, coalescing and caching', () => {
    it('asks for at most 100 names a call, and for each name once while it is fresh', async () => {
      const ids = Array.from({ length: 250 }, (_, i) => `40000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
      for (const id of ids) standIn.setName(id, `N ${id.slice(-3)}`);
      expect((await n.users.namesOf(ids)).size).to.equal(250);
      expect(standIn.calls.users.map((c) => c.path.split(',').length)).to.deep.equal([100, 100, 50]);
      expect((await n.users.namesOf([...ids.slice(0, 10), USERS.host])).size).to.equal(11);
      expect(standIn.calls.users.slice(3).map((c) => c.path)).to.deep.equal([`/users?ids=${USERS.host}`]);
    });

    it('makes one call for concurrent lookups, of names, of one user’s friends and of one film', async () => {
      standIn.fault('users', { kind: 'slow', ms: 50 });
      standIn.fault('films', { kind: 'slow', ms: 50 });
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => n.users.namesOf(i % 2 ? [USERS.host] : [USERS.host, USERS.guest])),
        ...Array.from({ length: 10 }, () => n.users.friendsOf(USERS.host)),
        ...Array.from({ length: 10 }, () => n.films.byId(FILM.id)),
      ]);
      expect([standIn.count('users'), standIn.count('films')]).to.deep.equal([2, 1]);
    });

    it('forgets friendship after its short TTL, so an unfriended user stops seeing friends-only screenings', async () => {
      const users = new HttpUserDirectory(
        new NeighbourClient('users', standIn.config.usersUrl, { ...DEFAULT_NEIGHBOUR_SETTINGS, timeoutMs: TIMEOUT_MS }, new NeighbourMetrics(new Registry())),
        { ...USER_CACHE_POLICY, friendsTtlMs: 100 },
      );
      expect(await users.friendsOf(USERS.host)).to.deep.equal([USERS.friend]);
      standIn.unfriend(USERS.host, USERS.friend);
      expect(await users.friendsOf(USERS.host), 'within the TTL').to.deep.equal([USERS.friend]);
      await new Promise((r) => setTimeout(r, 150));
      expect(await users.friendsOf(USERS.host), 'after the TTL').to.deep.equal([]);
      expect(standIn.count('users')).to.equal(2);
      expect(USER_CACHE_POLICY.friendsTtlMs).to.be.at.most(10_000);
    });

    it('keeps no failure: a lookup that failed asks the service again', async () => {
      standIn.fault('users', { kind: 'status', status: 500 });
      expect((await timed(n.users.namesOf([USERS.host]))).error).to.be.instanceOf(NeighbourUnavailableError);
      expect((await timed(n.users.friendsOf(USERS.host))).error).to.be.instanceOf(NeighbourUnavailableError);
      standIn.fault('users', null);
      expect(await n.users.namesOf([USERS.host])).to.deep.equal(new Map([[USERS.host, 'Hanna Host']]));
      expect(await n.users.friendsOf(USERS.host)).to.deep.equal([USERS.friend]);
    });
  });

  describe('the short-link service', () => {
    for (const { name: when, fault } of FAULTS) {
      it(`falls back to the built-in link, once asked, when it ${when}`, async () => {
        standIn.fault('shortener', fault);
        const { ms, value } = await timed(n.links.next());
        expect(value?.url).to.equal(`http://wt.test/s/${value?.code}`);
        expect(ms).to.be.below(TIMEOUT_MS + 400);
        expect(standIn.count('shortener')).to.equal(1);
      });
    }

    for (const hostile of ['javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ftp://files.example/x'])
      it(`keeps the built-in link when it answers a link that is not http(s): ${hostile.slice(0, 24)}`, async () => {
        standIn.fault('shortener', { kind: 'answer', body: { shortUrl: hostile } });
        const link = await n.links.next();
        expect(link.url).to.equal(`http://wt.test/s/${link.code}`);
      });

    it('shortens the service’s own link when it answers', async () => {
      const link = await n.links.next();
      expect(link.url).to.match(new RegExp(`^${standIn.url}/l/`));
      const redirect = await fetch(link.url, { redirect: 'manual' });
      expect(redirect.headers.get('location')).to.equal(`http://wt.test/s/${link.code}`);
    });
  });

  describe('the identity provider’s key set', () => {
    it('verifies RS256 and ES256 tokens by kid, and refuses the rest', async () => {
      expect(await n.tokens.verify(await standIn.sign(USERS.host, { alg: 'RS256' }))).to.equal(USERS.host);
      expect(await n.tokens.verify(await standIn.sign(USERS.guest, { alg: 'ES256' }))).to.equal(USERS.guest);
      const forged = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'rs256-1' }).setSubject(USERS.host)
        .setExpirationTime('1h').sign(await StandInNeighbours.unpublishedKey());
      expect(await n.tokens.verify(forged)).to.equal(null);
      expect(await n.tokens.verify(await standIn.sign(USERS.host, { ttlSeconds: -60 }))).to.equal(null);
      expect(await n.tokens.verify(await standIn.sign('not-a-uuid'))).to.equal(null);
      expect(standIn.count('jwks')).to.equal(1);
    });

    it('picks up a rotated key by its kid, and drops a retired one', async () => {
      n = httpAdapters(standIn.config, { timeoutMs: TIMEOUT_MS }, { cooldownMs: 0, cacheMaxAgeMs: 0 });
      const old = await standIn.sign(USERS.host);
      expect(await n.tokens.verify(old)).to.equal(USERS.host);
      const kid = await standIn.addKey('RS256');
      expect(await n.tokens.verify(await standIn.sign(USERS.guest, { kid }))).to.equal(USERS.guest);
      standIn.retireKey('rs256-1');
      expect(await n.tokens.verify(old)).to.equal(null);
    });

    for (const { name: when, fault } of FAULTS) {
      it(`keeps known keys working and refuses an unknown kid (401, not 500) when the key set ${when}`, async () => {
        n = httpAdapters(standIn.config, { timeoutMs: TIMEOUT_MS }, { cooldownMs: 0, cacheMaxAgeMs: 0 });
        const known = await standIn.sign(USERS.host);
        expect(await n.tokens.verify(known)).to.equal(USERS.host);
        const kid = await standIn.addKey('ES256');
        standIn.fault('jwks', fault);
        // Keys are past their age (cacheMaxAge 0): every check tries the set again, and it fails.
        expect(await n.tokens.verify(known)).to.equal(USERS.host);
        const { ms, value } = await timed(n.tokens.verify(await standIn.sign(USERS.guest, { kid })));
        expect(value).to.equal(null);
        expect(ms).to.be.below(TIMEOUT_MS + 400);
      });
    }

    it('refuses every token while the key set has never been fetched', async () => {
      standIn.fault('jwks', { kind: 'status', status: 503 });
      expect(await n.tokens.verify(await standIn.sign(USERS.host))).to.equal(null);
    });

    it('checks the issuer and audience when they are configured', async () => {
      n = httpAdapters(standIn.config, {}, { issuer: 'https://id.example', audience: 'watch-together' });
      const good = await standIn.sign(USERS.host, { claims: { iss: 'https://id.example', aud: 'watch-together' } });
      expect(await n.tokens.verify(good)).to.equal(USERS.host);
      for (const claims of [{ iss: 'https://evil.example', aud: 'watch-together' }, { iss: 'https://id.example', aud: 'other' }, {}])
        expect(await n.tokens.verify(await standIn.sign(USERS.host, { claims })), JSON.stringify(claims)).to.equal(null);
    });

    it('checks each algorithm only with its own kind of key: a public key is never an HMAC secret', async () => {
      const secret = 'test-secret-test-secret-test-secret-0123';
      const hs256 = new Hs256AccessTokens(secret);
      const both = new AccessTokensByAlgorithm({ hs256, jwks: n.tokens });
      expect(await both.verify(await hs256.issue(USERS.host, 600))).to.equal(USERS.host);
      expect(await both.verify(await standIn.sign(USERS.guest))).to.equal(USERS.guest);
      expect(await both.verify(await standIn.sign(USERS.guest, { alg: 'ES256' }))).to.equal(USERS.guest);
      // The classic confusion: an HS256 token whose HMAC key is the published RSA key.
      const published = (await (await fetch(standIn.config.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
      for (const key of [JSON.stringify(published.keys[0]), String(published.keys[0]!.n)]) {
        const confused = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: 'rs256-1' }).setSubject(USERS.host)
          .setExpirationTime('1h').sign(new TextEncoder().encode(key));
        expect(await both.verify(confused)).to.equal(null);
      }
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: USERS.host, exp: 9e9 })).toString('base64url')}.`;
      expect(await both.verify(unsigned)).to.equal(null);
      expect(await new AccessTokensByAlgorithm({ hs256 }).verify(await standIn.sign(USERS.host))).to.equal(null);
      expect(await new AccessTokensByAlgorithm({ jwks: n.tokens }).verify(await hs256.issue(USERS.host, 600))).to.equal(null);
      expect(await both.verify('not.a.token')).to.equal(null);
    });
  });
});
