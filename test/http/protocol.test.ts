import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { expect } from 'chai';
import pg from 'pg';
import { httpBackends, TestApi } from '../support/http.js';
import { at, DAY, FILM, USERS } from '../support/fixtures.js';

for (const backend of httpBackends()) {
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

    it('answers an oversized body with 413', async () => {
      const raw = JSON.stringify({ title: 'x'.repeat(200_000) });
      expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw }), 413, 'REQUEST.TOO_LARGE');
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
      expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).to.deep.equal([null, 'true']);
    });

    it('replays a key for 24 hours, and treats it as new after that', async () => {
      const a = await api.announce({ startsAt: at(10 * DAY).toISOString(), capacity: 10 });
      const send = () => api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.friend, body: {}, headers: { 'Idempotency-Key': 'a-day' } });
      const first = await send();
      api.clock.advance(DAY - 1000);
      const within = await send();
      expect([first.status, within.status, within.headers.get('idempotent-replayed'), within.body.id]).to.deep.equal([201, 201, 'true', first.body.id]);
      api.clock.advance(2000);
      const after = await send();
      expect([after.status, after.body.code, after.headers.get('idempotent-replayed')]).to.deep.equal([409, 'BOOKING.ALREADY_BOOKED', null]);
    });

    it('honours If-Match when cancelling, as when changing', async () => {
      const a = await api.announce({ startsAt: at(11 * DAY).toISOString() });
      await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'Renamed' } });
      for (const [method, path] of [['POST', `/api/v1/announcements/${a.id}/cancel`], ['DELETE', `/api/v1/announcements/${a.id}`]] as const) {
        const stale = await api.request(method, path, { as: USERS.host, headers: { 'If-Match': '"1"' } });
        expectProblem(stale, 412, 'ANNOUNCEMENT.VERSION_MISMATCH');
        expect(stale.headers.get('etag')).to.equal('"2"');
      }
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body.status).to.equal('open');
      const cancelled = await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.host, headers: { 'If-Match': '"2"' } });
      expect([cancelled.status, cancelled.body.status]).to.deep.equal([200, 'cancelled']);
    });

    if (backend.name === 'PGlite' || backend.name === 'PostgreSQL')
      it('replays the first answer of a write whose process died between its commit and its answer', async () => {
        const a = await api.announce({ approval: 'auto', capacity: 3, startsAt: at(12 * DAY).toISOString() });
        const created = { movieId: FILM.id, title: 'Committed, then died', startsAt: at(13 * DAY).toISOString(), capacity: 2, place: { city: 'Porto', address: 'Rua 1' } };
        const writes = [
          () => api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.guest, body: { seats: 2 }, headers: { 'Idempotency-Key': 'died-1' } }),
          () => api.post('/api/v1/announcements', { as: USERS.host, body: created, headers: { 'Idempotency-Key': 'died-2' } }),
        ];
        for (const send of writes) {
          // Everything after the first COMMIT that succeeds is lost, as if the process were killed there.
          // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, and called with its own `this`
          const query = pg.Client.prototype.query;
          let died = false;
          pg.Client.prototype.query = async function (this: pg.Client, ...args: unknown[]) {
            const result = await (query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
            if (!died && args[0] === 'COMMIT') { died = true; throw new Error('killed right after commit'); }
            return result;
          } as never;
          let first: Awaited<ReturnType<typeof send>>;
          try {
            first = await send();
          } finally {
            pg.Client.prototype.query = query;
          }
          expect([died, first.status >= 500]).to.deep.equal([true, true]);
          api.clock.advance(31_000); // past any lease
          const retried = await send();
          expect([retried.status, retried.headers.get('idempotent-replayed')], JSON.stringify(retried.body)).to.deep.equal([201, 'true']);
          expect(retried.headers.get('location')).to.match(new RegExp(`/${retried.body.id}$`));
        }
        expect((await api.get(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.host })).body).to.have.length(1);
        const mine = await api.get('/api/v1/announcements?q=died&from=' + at(12 * DAY).toISOString(), { as: USERS.host });
        expect(mine.body.items.map((i: { title: string }) => i.title)).to.deep.equal(['Committed, then died']);
      });

    it('tells a retry honestly how long an abandoned claim has left, then takes it over', async () => {
      const a = await api.announce({ startsAt: at(9 * DAY).toISOString() });
      const path = `/api/v1/announcements/${a.id}/bookings`;
      const raw = '{"seats":1}';
      // A process that claimed this key and died before answering.
      const fingerprint = createHash('sha256').update(`POST ${path}\n${raw}`).digest('base64url');
      await api.service.storage.idempotency.claim({ userId: USERS.friend, key: 'orphan', fingerprint }, { now: api.clock.now(), ttlMs: DAY, leaseMs: 30_000 });
      const send = () => api.post(path, { as: USERS.friend, raw, headers: { 'Idempotency-Key': 'orphan' } });
      const waiting = await send();
      expectProblem(waiting, 409, 'IDEMPOTENCY.IN_PROGRESS');
      expect(waiting.headers.get('retry-after')).to.equal('30');
      api.clock.advance(20_500);
      expect((await send()).headers.get('retry-after')).to.equal('10');
      api.clock.advance(10_000);
      expect((await send()).status).to.equal(201);
    });

    it('echoes a sane X-Request-Id and makes one up otherwise', async () => {
      expect((await api.get('/healthz', { headers: { 'X-Request-Id': 'abc-123' } })).headers.get('x-request-id')).to.equal('abc-123');
      expect((await api.get('/healthz', { headers: { 'X-Request-Id': 'bad id!' } })).headers.get('x-request-id')).to.match(/^[0-9a-f-]{36}$/);
    });

    describe('hostile input gets a 4xx naming the field, never a 500', () => {
      const cursorOf = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');

      it('refuses NUL characters and unpaired surrogates anywhere in a body, field names included, and stores nothing', async () => {
        const draft = { movieId: 'film-90', title: 'Film night', startsAt: at(5 * DAY).toISOString(), capacity: 4, place: { city: 'Berlin', address: 'Mitte' } };
        for (const [body, path] of [
          [{ ...draft, title: 'Film\u0000night' }, 'title'],
          [{ ...draft, place: { city: 'Ber\ud800lin', address: 'Mitte' } }, 'place.city'],
          [{ ...draft, tags: ['ok', 'b\u0000d'] }, 'tags.1'],
          [{ ...draft, ['x\u0000']: 1 }, 'x\u0000'],
        ] as const) {
          const reply = await api.post('/api/v1/announcements', { as: USERS.stranger, body });
          expectProblem(reply, 400, 'REQUEST.INVALID');
          expect(reply.body.errors[0], path).to.include({ in: 'body', path });
        }
        expect((await api.get(`/api/v1/announcements?hostId=${USERS.stranger}`, { as: USERS.stranger })).body.items).to.deep.equal([]);
      });

      it('refuses an unpaired surrogate sent with an Idempotency-Key, the same way on every retry, and writes nothing', async () => {
        const a = await api.announce({ startsAt: at(6 * DAY).toISOString() });
        const send = () => api.post(`/api/v1/announcements/${a.id}/bookings`, {
          as: USERS.other, raw: '{"message":"hi \\udc00 there"}', headers: { 'Idempotency-Key': 'lone-surrogate' },
        });
        for (const reply of [await send(), await send()]) {
          expectProblem(reply, 400, 'REQUEST.INVALID');
          expect(reply.body.errors[0]).to.include({ in: 'body', path: 'message' });
        }
        expect((await api.get(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.host })).body).to.deep.equal([]);
      });

      it('refuses a WT-Read-After that is no WAL position, and sends none without a read replica', async () => {
        const a = await api.announce({ startsAt: at(41 * DAY).toISOString() });
        const written = await api.post(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.other, body: {} });
        expect([written.status, written.headers.get('wt-read-after')]).to.deep.equal([201, null]);
        for (const position of ['yesterday', '0/', '1/2/3', '0/123456789', 'G/0']) {
          const reply = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.guest, headers: { 'WT-Read-After': position } });
          expectProblem(reply, 400, 'REQUEST.INVALID');
          expect(reply.body.errors[0], position).to.include({ in: 'header', path: 'WT-Read-After' });
        }
        const read = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.guest, headers: { 'WT-Read-After': '16/B374D848' } });
        expect(read.status).to.equal(200);
      });

      it('refuses a NUL character in a query parameter', async () => {
        const reply = await api.get('/api/v1/announcements?q=a%00b', { as: USERS.guest });
        expectProblem(reply, 400, 'REQUEST.INVALID');
        expect(reply.body.errors[0]).to.include({ in: 'query', path: 'q' });
      });

      it('refuses crafted cursors before they reach the database', async () => {
        const id = '00000000-0000-4000-8000-000000000001';
        const bad = [
          cursorOf({ sort: 'startsAt', startsAt: '1', id }), cursorOf({ sort: 'startsAt', startsAt: '2026-02-30T00:00:00.000Z', id }),
          cursorOf({ sort: 'startsAt', startsAt: '+275760-09-13T00:00:00.000Z', id }), cursorOf({ sort: 'startsAt', startsAt: '2026-01-01T00:00:00.000Z', id: 'x' }),
          cursorOf({ sort: 'startsAt', startsAt: '2026-13-01T00:00:00.000Z', id }),
          cursorOf({ sort: 'rating', score: 1e308, startsAt: '2026-01-01T00:00:00.000Z', id }), cursorOf([1]), 'not base64!', '%00',
        ];
        for (const cursor of bad) {
          const search = await api.get(`/api/v1/announcements?cursor=${encodeURIComponent(cursor)}&sort=${cursor.includes('cmF0aW5n') ? 'rating' : 'startsAt'}`, { as: USERS.guest });
          expect(search.status, cursor).to.equal(400);
        }
        for (const path of ['/api/v1/bookings', '/api/v1/me/notifications']) {
          for (const cursor of [cursorOf({ createdAt: '2026-02-30T00:00:00.000Z', id }), cursorOf({ createdAt: '2026-01-01T00:00:00.000Z', id: 'x' }),
            cursorOf({ createdAt: '2026-00-10T25:61:00.000Z', id })]) {
            const reply = await api.get(`${path}?cursor=${cursor}`, { as: USERS.guest });
            expectProblem(reply, 400, 'PAGE.INVALID_CURSOR');
          }
        }
      });

      it('takes no instant outside the years 0001–9999: not in the cursor of any list, nor as a start or a filter', async () => {
        const id = '00000000-0000-4000-8000-000000000001';
        const year0 = '0000-12-31T23:59:59.999Z';
        const lists = [
          `/api/v1/announcements?cursor=${cursorOf({ sort: 'startsAt', startsAt: year0, id })}`,
          `/api/v1/announcements?sort=rating&cursor=${cursorOf({ sort: 'rating', score: 3, startsAt: year0, id })}`,
          `/api/v1/bookings?cursor=${cursorOf({ createdAt: year0, id })}`,
          `/api/v1/me/schedule?cursor=${cursorOf({ startsAt: year0, id })}`,
          `/api/v1/me/notifications?cursor=${cursorOf({ createdAt: year0, id })}`,
        ];
        for (const path of lists) {
          const reply = await api.get(path, { as: USERS.guest });
          expect([path, reply.status]).to.deep.equal([path, 400]);
          expectProblem(reply, 400, 'PAGE.INVALID_CURSOR');
        }
        for (const path of ['/api/v1/announcements?from=0000-12-31T23:00:00Z', '/api/v1/me/schedule?to=0000-12-31T23:00:00%2B01:00']) {
          const reply = await api.get(path, { as: USERS.guest });
          expectProblem(reply, 400, 'REQUEST.INVALID');
          expect(reply.body.errors[0]).to.include({ in: 'query' });
        }
        // In UTC this is 10000-01-01T13:00Z: its next-page cursor could not be read back.
        const beyond = await api.post('/api/v1/announcements', { as: USERS.host, body: { movieId: FILM.id, title: 'Y10K', startsAt: '9999-12-31T23:00:00-14:00',
          capacity: 2, place: { city: 'Lisbon', address: 'Rua Augusta 1' } } });
        expectProblem(beyond, 400, 'REQUEST.INVALID');
        expect(beyond.body.errors[0]).to.include({ in: 'body', path: 'startsAt' });
        // Starting in range but ending beyond it.
        const endsBeyond = await api.post('/api/v1/announcements', { as: USERS.host, body: { movieId: FILM.id, title: 'Y10K', startsAt: '9999-12-31T23:00:00Z',
          durationMinutes: 120, capacity: 2, place: { city: 'Lisbon', address: 'Rua Augusta 1' } } });
        expectProblem(endsBeyond, 422, 'ANNOUNCEMENT.INVALID');
        expect(endsBeyond.body.errors[0]).to.include({ path: 'startsAt' });
        // The last day of the range holds screenings like any other, and their cursors read back.
        const late = [await api.announce({ startsAt: '9999-12-31T18:00:00Z', durationMinutes: 120 }), await api.announce({ startsAt: '9999-12-31T21:00:00Z', durationMinutes: 120 })];
        const first = await api.get('/api/v1/announcements?from=9999-12-31T00:00:00Z&limit=1', { as: USERS.guest });
        const second = await api.get(`/api/v1/announcements?from=9999-12-31T00:00:00Z&limit=1&cursor=${first.body.nextCursor}`, { as: USERS.guest });
        expect([first.status, second.status]).to.deep.equal([200, 200]);
        expect([...first.body.items, ...second.body.items].map((a: { id: string }) => a.id)).to.deep.equal(late.map((a) => a.id));
      });

      it('answers a body that is not what its Content-Encoding says with 400, and an unknown encoding with 415', async () => {
        const headers = (encoding: string) => ({ 'Content-Type': 'application/json', 'Content-Encoding': encoding });
        for (const encoding of ['gzip', 'deflate', 'br'])
          expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw: '{"title":"x"}', headers: headers(encoding) }), 400, 'REQUEST.MALFORMED_BODY');
        expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw: '{}', headers: headers('compress') }), 415, 'REQUEST.UNSUPPORTED_ENCODING');
        const a = await api.announce({ startsAt: at(8 * DAY).toISOString() });
        const zipped = new Uint8Array(gzipSync(JSON.stringify({ seats: 2 })));
        const response = await fetch(`${api.base}/api/v1/announcements/${a.id}/bookings`, {
          method: 'POST', body: zipped, headers: { ...headers('gzip'), Authorization: `Bearer ${await api.token(USERS.guest)}` },
        });
        expect(response.status).to.equal(201);
      });

      it('answers a deeply nested body with a 400', async () => {
        const raw = `{"title":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
        expectProblem(await api.post('/api/v1/announcements', { as: USERS.host, raw }), 400, 'REQUEST.INVALID');
      });
    });

    it('serves health, readiness and metrics without a token', async () => {
      expect((await api.get('/healthz')).body).to.deep.equal({ status: 'ok' });
      const ready = (await api.get('/readyz')).body;
      expect(ready.status).to.equal('ready');
      expect(ready.checks.database).to.equal('ok');
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
        '/bookings/{id}', '/me/notifications', '/announcement/{id}', '/booking/{id}',
      ]);
      expect(Object.keys(doc.paths['/announcement/{id}'])).to.deep.equal(['post', 'get', 'put', 'delete']);
      const create = doc.paths['/announcements'].post;
      expect(create.requestBody.content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/CreateAnnouncement' });
      expect(doc.components.schemas.CreateAnnouncement.properties.capacity).to.include({ minimum: 1, maximum: 100 });
      // Every status it can answer, each with the codes it can carry.
      expect(Object.keys(create.responses)).to.deep.equal(['201', '400', '401', '409', '413', '415', '422', '429', '500', '503']);
      expect(create.responses['409'].content['application/problem+json'].schema.allOf[0]).to.deep.equal({ $ref: '#/components/schemas/Problem' });
      expect(create.responses['409'].content['application/problem+json'].schema.allOf[1].properties.code.enum)
        .to.have.members(['SCHEDULE.CONFLICT', 'IDEMPOTENCY.IN_PROGRESS']);
      expect(create.responses['201'].headers).to.have.keys('X-Request-Id', 'Location', 'ETag', 'Idempotent-Replayed', 'RateLimit', 'RateLimit-Policy', 'WT-Read-After');
      const search = doc.paths['/announcements'].get;
      expect(search.parameters.find((p: { name: string }) => p.name === 'hasSeats').schema).to.deep.equal({ type: 'boolean' });
      expect(search.parameters.find((p: { name: string }) => p.name === 'WT-Read-After')).to.include({ in: 'header' });
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

    it('redirects a short link to its API resource, a browser to its page, and 404s an unknown one', async () => {
      const a = await api.announce({ startsAt: at(7 * DAY).toISOString() });
      // Through the short-link service when one is configured: it leads to the service's own link.
      const own: string = a.shortUrl.startsWith('http://wt.test/')
        ? a.shortUrl : (await fetch(a.shortUrl, { redirect: 'manual' })).headers.get('location')!;
      expect(own).to.match(/^http:\/\/wt\.test\/s\/[0-9A-Za-z]{12}$/);
      // An API client: with its token, or asking for JSON.
      for (const reply of [await api.get(new URL(own).pathname, { as: USERS.guest }), await api.get(new URL(own).pathname, { headers: { Accept: 'application/json' } })]) {
        expect(reply.status).to.equal(302);
        expect(reply.headers.get('location')).to.equal(`http://wt.test/api/v1/announcements/${a.id}`);
      }
      // A person's browser navigates: it lands on the screening's page instead.
      const browser = await api.navigate(new URL(own).pathname, { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'Sec-Fetch-Mode': 'navigate' });
      expect(browser).to.deep.equal({ status: 302, location: `http://wt.test/screenings/${a.id}`, vary: 'Accept, Sec-Fetch-Mode, Authorization' });
      expectProblem(await api.get('/s/zzzzzzzz'), 404, 'LINK.NOT_FOUND');
    });
  });
}
