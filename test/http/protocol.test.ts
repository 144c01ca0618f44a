import { expect } from 'chai';
import { backends } from '../contract/backends.js';
import { TestApi } from '../support/http.js';
import { at, DAY, USERS } from '../support/fixtures.js';

for (const backend of backends()) {
  describe(`HTTP protocol and service endpoints on ${backend.name}`, () => {
    let api: TestApi;
    before(async () => { api = await TestApi.start(backend); });
    after(() => api.stop());

    const expectProblem = (reply: { status: number; headers: Headers; body: any }, status: number, code: string) => {
      expect(reply.status).to.equal(status);
      expect(reply.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect(reply.body).to.include({ status, code });
      expect(reply.body.type).to.equal(`urn:watch-together:problem:${code.toLowerCase()}`);
      expect(reply.body.title).to.be.a('string').and.not.empty;
    };

    it('answers malformed JSON with 400', async () => {
      expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw: '{"title": ' }), 400, 'REQUEST.MALFORMED_JSON');
      expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw: '"just a string"' }), 400, 'REQUEST.MALFORMED_JSON');
    });

    it('answers an oversized body with 400', async () => {
      const raw = JSON.stringify({ title: 'x'.repeat(200_000) });
      expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw }), 400, 'REQUEST.TOO_LARGE');
    });

    it('answers a body that is not JSON with 415', async () => {
      expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw: 'title=x', headers: { 'Content-Type': 'text/plain' } }), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
    });

    it('answers unknown routes with 404 and wrong methods with 405, both problem+json', async () => {
      expectProblem(await api.get('/api/v1/screenings', { as: USERS.host }), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.get('/nothing-here'), 404, 'ROUTE.NOT_FOUND');
      expectProblem(await api.request('PUT', '/api/v1/announcements', { as: USERS.host }), 405, 'ROUTE.METHOD_NOT_ALLOWED');
    });

    it('replays the first answer for a repeated Idempotency-Key and changes nothing again', async () => {
      const a = await api.announce();
      const headers = { 'Idempotency-Key': 'book-once-1' };
      const first = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.guest, body: { seats: 1 }, headers });
      const second = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.guest, body: { seats: 1 }, headers });
      expect([first.status, second.status]).to.deep.equal([201, 201]);
      expect(second.body).to.deep.equal(first.body);
      expect(second.headers.get('idempotent-replayed')).to.equal('true');
      expect(second.headers.get('location')).to.equal(first.headers.get('location'));
      expect((await api.get(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.host })).body).to.have.length(1);
      const reused = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.guest, body: { seats: 2 }, headers });
      expectProblem(reused, 422, 'IDEMPOTENCY.KEY_REUSED');
      const otherUser = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.other, body: { seats: 1 }, headers });
      expect(otherUser.status).to.equal(201);
    });

    it('replays a refusal too, so a retried 409 stays a 409', async () => {
      const a = await api.announce({ approval: 'auto', capacity: 1, startsAt: at(3 * DAY).toISOString() });
      const headers = { 'Idempotency-Key': 'too-many' };
      const first = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.friend, body: { seats: 2 }, headers });
      const second = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.friend, body: { seats: 2 }, headers });
      expect([first.status, second.status, second.body.code]).to.deep.equal([409, 409, 'BOOKING.NO_SEATS_LEFT']);
    });

    it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
      expect((await api.get('/healthz', { headers: { 'X-Request-Id': 'abc-123' } })).headers.get('x-request-id')).to.equal('abc-123');
      expect((await api.get('/healthz', { headers: { 'X-Request-Id': 'bad id!' } })).headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    });

    it('serves health, readiness and metrics without a token', async () => {
      expect((await api.get('/healthz')).body).to.deep.equal({ status: 'ok' });
      expect((await api.get('/readyz')).body).to.deep.equal({ status: 'ready' });
      expect((await api.get('/api/v1/healthz')).status).to.equal(200);
      await api.get('/api/v1/bookings', { as: USERS.host });
      const metrics = await api.get('/metrics');
      expect(metrics.text).to.match(/http_requests_total\{method="GET",route="\/bookings",status="200"\} \d+/);
      expect(metrics.text).to.contain('http_request_duration_seconds_bucket');
      expect(metrics.text).to.contain('process_cpu_user_seconds_total');
    });

    it('describes every API route in the OpenAPI document', async () => {
      const doc = (await api.get('/openapi.json')).body;
      expect(doc.openapi).to.equal('3.1.0');
      expect(Object.keys(doc.paths)).to.include.members([
        '/announcements', '/announcements/{id}', '/announcements/{id}/cancel', '/announcements/{id}/bookings', '/bookings',
        '/bookings/{id}', '/me/notifications', '/announcement/{movie_id}', '/announcement/{id}', '/booking/{announcement_id}', '/booking/{id}',
      ]);
      const create = doc.paths['/announcements'].post;
      expect(create.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/CreateAnnouncement' });
      expect(doc.components.schemas.CreateAnnouncement.properties.capacity).to.include({ minimum: 1, maximum: 100 });
      expect(create.responses['409'].content['application/problem+json'].schema).to.deep.equal({ $ref: '#/components/schemas/Problem' });
      expect(doc.paths['/announcements'].get.parameters.map((p: { name: string }) => p.name)).to.include.members(['near', 'tags', 'cursor', 'sort']);
      expect(JSON.stringify(doc)).to.not.contain('#/$defs/');
    });

    it('serves the docs page with its assets from the npm package', async () => {
      const page = await api.get('/docs');
      expect(page.text).to.contain('/docs/assets/swagger-ui-bundle.js');
      const bundle = await api.get('/docs/assets/swagger-ui-bundle.js');
      expect([bundle.status, bundle.text.length > 100_000]).to.deep.equal([200, true]);
      expect((await api.get('/docs/assets/swagger-ui-init.js')).text).to.contain("url: '/openapi.json'");
    });

    it('redirects a short link to its full URL, and 404s an unknown one', async () => {
      const a = await api.announce({ startsAt: at(7 * DAY).toISOString() });
      const reply = await api.get(new URL(a.shortUrl).pathname);
      expect(reply.status).to.equal(302);
      expect(reply.headers.get('location')).to.equal(`http://wt.test/api/v1/announcements/${a.id}`);
      expectProblem(await api.get('/s/zzzzzzzz'), 404, 'LINK.NOT_FOUND');
    });
  });
}
