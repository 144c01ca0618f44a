import { expect } from 'chai';
import { SignJWT } from 'jose';
import { httpBackends, TestApi } from '../support/http.js';
import { testConfig, USERS } from '../support/fixtures.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

for (const backend of httpBackends()) {
  describe(`HTTP authentication (RULES §6) on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await TestApi.start(backend); });
    after(() => api.stop());

    const sign = (claims: Record<string, unknown>, secret = testConfig().jwtSecret, exp: number | string = '1h') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime(exp).sign(new TextEncoder().encode(secret));

    const expect401 = async (authorization?: string) => {
      const reply = await api.get('/api/v1/bookings', { headers: authorization ? { Authorization: authorization } : {} });
      expect(reply.status, authorization).to.equal(401);
      expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(reply.body).to.include({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
      expect(reply.headers.get('www-authenticate')).to.match(/^Bearer/);
    };

    it('accepts a valid token', async () => {
      expect((await api.get('/api/v1/bookings', { as: USERS.guest })).status).to.equal(200);
    });

    it('refuses a missing token', () => expect401());
    it('refuses a header that is not a bearer token', () => expect401('Basic dXNlcjpwYXNz'));
    it('refuses garbage', () => expect401('Bearer not.a.jwt'));

    it('refuses a token signed with another secret', async () => {
      await expect401(`Bearer ${await sign({ sub: USERS.guest }, 'another-secret-another-secret-0123456')}`);
    });

    it('refuses an expired token', async () => {
      await expect401(`Bearer ${await sign({ sub: USERS.guest }, undefined, Math.floor(Date.now() / 1000) - 60)}`);
    });

    it('refuses alg: none', async () => {
      await expect401(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: USERS.guest, exp: Math.floor(Date.now() / 1000) + 3600 })}.`);
    });

    it('refuses a token whose subject is not a user id, or that never expires', async () => {
      await expect401(`Bearer ${await sign({ sub: 'admin' })}`);
      const noExp = await new SignJWT({ sub: USERS.guest }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(testConfig().jwtSecret));
      await expect401(`Bearer ${noExp}`);
    });

    it('takes the scheme in any case (RFC 9110)', async () => {
      const token = await api.token(USERS.guest);
      for (const scheme of ['bearer', 'BEARER', 'Bearer'])
        expect((await api.get('/api/v1/bookings', { headers: { Authorization: `${scheme} ${token}` } })).status, scheme).to.equal(200);
    });

    it('authenticates before reading the body: without a token, a broken body is still a 401', async () => {
      const reply = await api.post('/api/v1/announcements', { raw: '{"title": ', headers: { 'Content-Type': 'application/json' } });
      expect([reply.status, reply.body.code]).to.deep.equal([401, 'AUTH.UNAUTHENTICATED']);
      const gzipped = await api.post('/api/v1/announcements', { raw: 'not gzip', headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' } });
      expect(gzipped.status).to.equal(401);
    });
  });
}
