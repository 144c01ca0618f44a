import { createHmac } from 'node:crypto';
import { expect } from 'chai';
import { SignJWT, UnsecuredJWT } from 'jose';
import { backends } from '../contract/backends.js';
import { testConfig, USERS } from '../support/fixtures.js';
import { TestApi } from '../support/http.js';
import { operationsOf, type Operation } from '../support/request-arbitraries.js';
import { record } from './reliability-record.js';

const secret = new TextEncoder().encode(testConfig().jwtSecret);
const now = () => Math.floor(Date.now() / 1000);
const signed = (claims: Record<string, unknown>, alg = 'HS256', key = secret) =>
  new SignJWT(claims).setProtectedHeader({ alg }).sign(key);
/** A token made by hand with the right secret, for headers and encodings jose will not sign. */
const handMade = (header: Record<string, unknown>, claims: Record<string, unknown>): string => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
};
/** The same signature bytes, written differently: the last character's two unused bits set. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const nonCanonical = (token: string): string =>
  `${token.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(token.at(-1)!) ^ 1]}`;

/** Every way a token may be wrong (RULES §6), each of which must be a 401 on every route. */
const BAD_AUTHORIZATIONS: Record<string, () => Promise<string | undefined>> = {
  missing: async () => undefined,
  garbage: async () => 'Bearer not.a.token',
  'not a bearer': async () => 'Basic dXNlcjpwYXNz',
  'wrong secret': async () => `Bearer ${await signed({ sub: USERS.guest, exp: now() + 600 }, 'HS256', new TextEncoder().encode('another-secret-another-secret-0123456789'))}`,
  expired: async () => `Bearer ${await signed({ sub: USERS.guest, exp: now() - 60 })}`,
  'alg: none': async () => `Bearer ${new UnsecuredJWT({ sub: USERS.guest, exp: now() + 600 }).encode()}`,
  'HS512 with the right secret': async () => `Bearer ${await signed({ sub: USERS.guest, exp: now() + 600 }, 'HS512')}`,
  'not valid yet (nbf)': async () => `Bearer ${await signed({ sub: USERS.guest, exp: now() + 7200, nbf: now() + 3600 })}`,
  'no subject': async () => `Bearer ${await signed({ exp: now() + 600 })}`,
  'subject not a user id': async () => `Bearer ${await signed({ sub: 'admin', exp: now() + 600 })}`,
  'no expiry': async () => `Bearer ${await signed({ sub: USERS.guest })}`,
  'a critical header it does not know': async () => `Bearer ${handMade({ alg: 'HS256', crit: ['x-must'], 'x-must': 1 }, { sub: USERS.guest, exp: now() + 600 })}`,
  'signature not in its canonical encoding': async () => `Bearer ${nonCanonical(handMade({ alg: 'HS256' }, { sub: USERS.guest, exp: now() + 600 }))}`,
  'another token’s signature': async () => {
    const [, , signature] = handMade({ alg: 'HS256' }, { sub: USERS.host, exp: now() + 600 }).split('.');
    const [header, payload] = handMade({ alg: 'HS256' }, { sub: USERS.guest, exp: now() + 600 }).split('.');
    return `Bearer ${header}.${payload}.${signature}`;
  },
};

/** A request to the operation with well-formed parameters and body, so only the token is wrong. */
const urlOf = (op: Operation, id: string): string => `/api/v1${op.path.replace(/\{[a-z_]+\}/g, (p) => (p === '{movie_id}' ? 'film-90' : id))}`;

describe('Reliability: the authentication matrix, every bad token × every route', function () {
  this.timeout(60_000);
  const [memory] = backends();
  let api: TestApi;
  before(async () => { api = await TestApi.start(memory!); });
  after(() => api.stop());

  it('answers 401 problem+json with WWW-Authenticate, and never runs the route', async () => {
    const a = await api.announce();
    const documented = operationsOf((await api.get('/openapi.json')).body);
    // The one operation without a token: a calendar app's feed URL is its own secret (tested in schedule.test.ts).
    expect(documented.filter((op) => op.isPublic).map((op) => `${op.method} ${op.path}`)).to.deep.equal(['GET /calendar/{secret}.ics']);
    const operations = documented.filter((op) => !op.isPublic);
    let tried = 0;
    for (const op of operations) {
      for (const [kind, authorization] of Object.entries(BAD_AUTHORIZATIONS)) {
        const header = await authorization();
        const reply = await api.request(op.method, urlOf(op, a.id), {
          headers: header ? { Authorization: header } : {}, ...(op.method === 'GET' ? {} : { body: { title: 'Taken over', status: 'cancelled' } }),
        });
        tried += 1;
        expect(reply.status, `${kind}: ${op.method} ${op.path}`).to.equal(401);
        expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
        expect(reply.headers.get('www-authenticate')).to.match(/^Bearer/);
      }
    }
    const after = (await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body;
    expect([after.title, after.status, after.version]).to.deep.equal([a.title, 'open', a.version]);
    expect(operations.length).to.be.greaterThan(15);
    record('bad tokens on every route', { kinds: Object.keys(BAD_AUTHORIZATIONS).length, routes: operations.length, requests: tried, accepted: 0 });
  });

  it('accepts the hand-made token untouched, so each case above is refused for what it changes', async () => {
    const good = handMade({ alg: 'HS256', typ: 'JWT' }, { sub: USERS.guest, exp: now() + 600, iat: now() });
    expect((await api.get('/api/v1/me/notifications', { headers: { Authorization: `Bearer ${good}` } })).status).to.equal(200);
  });
});
