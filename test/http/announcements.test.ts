import { expect } from 'chai';
import { httpBackends, TestApi } from '../support/http.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

for (const backend of httpBackends()) {
  describe(`HTTP announcements on ${backend.name}`, () => {
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    const body = (overrides: Record<string, unknown> = {}) => ({
      movieId: 'film-90', title: 'Film night', startsAt: at(DAY).toISOString(),
      place: { city: 'Berlin', address: 'Torstraße 1' }, capacity: 4, ...overrides,
    });

    describe('POST /announcements', () => {
      it('answers 201 with the detail, Location and ETag', async () => {
        const reply = await api.post('/api/v1/announcements', { as: USERS.host, body: body({ tags: ['snacks'], approval: 'auto' }) });
        expect(reply.status).to.equal(201);
        expect(reply.headers.get('location')).to.equal(`/api/v1/announcements/${reply.body.id}`);
        expect(reply.headers.get('etag')).to.equal('"1"');
        expect(reply.body).to.deep.include({ status: 'open', seatsLeft: 4, tags: ['snacks'], approval: 'auto', durationMinutes: 90 });
        expect(reply.body.endsAt).to.equal(at(DAY + 90 * 60_000).toISOString());
        expect(reply.body.host).to.deep.include({ id: USERS.host, name: 'Hanna Host' });
      });

      it('answers 400 naming every malformed field', async () => {
        const reply = await api.post('/api/v1/announcements', {
          as: USERS.host, body: body({ title: '', capacity: 0, startsAt: 'tomorrow', place: { city: 'B' }, tags: ['Not OK'], extra: 1 }),
        });
        expect(reply.status).to.equal(400);
        expect(reply.body.code).to.equal('REQUEST.INVALID');
        expect(reply.body.errors.map((e: { path: string }) => e.path)).to.include.members(['title', 'capacity', 'startsAt', 'place.address', 'tags.0', '']);
        expect(reply.body.errors.every((e: { in: string }) => e.in === 'body')).to.equal(true);
      });

      it('answers 422 for a start in the past and for an unknown film, naming the field', async () => {
        const past = await api.post('/api/v1/announcements', { as: USERS.host, body: body({ startsAt: at(-HOUR).toISOString() }) });
        expect(past.status).to.equal(422);
        expect(past.body).to.deep.include({ code: 'ANNOUNCEMENT.STARTS_IN_PAST', errors: [{ in: 'body', path: 'startsAt', message: 'must be in the future' }] });
        const film = await api.post('/api/v1/announcements', { as: USERS.host, body: body({ movieId: 'unknown-film' }) });
        expect(film.status).to.equal(422);
        expect(film.body.errors[0]).to.include({ path: 'movieId' });
      });

      it('answers 409 for an overlapping screening of the same host', async () => {
        await api.announce({ startsAt: at(DAY).toISOString() });
        const reply = await api.post('/api/v1/announcements', { as: USERS.host, body: body({ startsAt: at(DAY + HOUR).toISOString() }) });
        expect(reply.status).to.equal(409);
        expect(reply.body.code).to.equal('SCHEDULE.CONFLICT');
      });
    });

    describe('GET /announcements/{id}', () => {
      it('answers the detail with ETag', async () => {
        const a = await api.announce();
        const reply = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.stranger });
        expect(reply.status).to.equal(200);
        expect(reply.body).to.deep.include({ id: a.id, guestCount: 0, myBooking: null });
        expect(reply.body).to.not.have.property('guests');
        expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body.guests).to.deep.equal([]);
        expect(reply.headers.get('etag')).to.equal('"1"');
      });

      it('answers 404 to a stranger for a friends-only screening, and 200 to a friend (A5)', async () => {
        const a = await api.announce({ privacy: 'friends' });
        const hidden = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.stranger });
        expect(hidden.status).to.equal(404);
        expect(hidden.body.code).to.equal('ANNOUNCEMENT.NOT_FOUND');
        expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.friend })).status).to.equal(200);
      });

      it('answers 404 for an unknown id and 400 for a malformed one', async () => {
        expect((await api.get('/api/v1/announcements/00000000-0000-4000-8000-000000000000', { as: USERS.host })).status).to.equal(404);
        const bad = await api.get('/api/v1/announcements/nope', { as: USERS.host });
        expect(bad.status).to.equal(400);
        expect(bad.body.errors).to.deep.equal([{ in: 'path', path: 'id', message: 'Invalid UUID' }]);
      });
    });

    describe('PATCH /announcements/{id}', () => {
      it('changes what the host sends and answers the new version', async () => {
        const a = await api.announce();
        const reply = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'Renamed', status: 'closed' } });
        expect(reply.status).to.equal(200);
        expect(reply.body).to.include({ title: 'Renamed', status: 'closed', version: 2, capacity: 4 });
        expect(reply.headers.get('etag')).to.equal('"2"');
      });

      it('answers 412 for a stale If-Match and 200 for the current one', async () => {
        const a = await api.announce();
        await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'First' } });
        const stale = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'Second' }, headers: { 'If-Match': '"1"' } });
        expect(stale.status).to.equal(412);
        expect(stale.body).to.include({ code: 'ANNOUNCEMENT.VERSION_MISMATCH', currentVersion: 2 });
        const fresh = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'Second' }, headers: { 'If-Match': '"2"' } });
        expect(fresh.status).to.equal(200);
        const garbage = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'x' }, headers: { 'If-Match': 'soon' } });
        expect(garbage.status).to.equal(400);
        expect(garbage.body.errors[0]).to.include({ in: 'header', path: 'If-Match' });
      });

      it('answers 403 to a guest, 409 below the seats taken, 400 for nothing or a film change', async () => {
        const a = await api.announce({ approval: 'auto' });
        await api.book(a.id, USERS.guest, { seats: 3 });
        expect((await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.guest, body: { title: 'x' } })).status).to.equal(403);
        const below = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { capacity: 2 } });
        expect([below.status, below.body.code, below.body.seatsTaken]).to.deep.equal([409, 'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN', 3]);
        expect((await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: {} })).status).to.equal(400);
        const film = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { movieId: 'film-120' } });
        expect(film.status).to.equal(400);
        expect(film.body.errors[0].message).to.contain('movieId');
      });

      it('answers 422 for a move into the past and 409 once cancelled', async () => {
        const a = await api.announce();
        expect((await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { startsAt: at(-DAY).toISOString() } })).status).to.equal(422);
        await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.host });
        const final = await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { title: 'x' } });
        expect([final.status, final.body.code]).to.deep.equal([409, 'ANNOUNCEMENT.FINAL']);
      });
    });

    describe('cancelling', () => {
      it('POST …/cancel answers 200 with the cancelled detail; a guest gets 403', async () => {
        const a = await api.announce();
        expect((await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.guest })).status).to.equal(403);
        const reply = await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.host });
        expect([reply.status, reply.body.status]).to.deep.equal([200, 'cancelled']);
        expect((await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.host })).status).to.equal(409);
      });

      it('DELETE answers 204 and cancels', async () => {
        const a = await api.announce();
        const reply = await api.delete(`/api/v1/announcements/${a.id}`, { as: USERS.host });
        expect([reply.status, reply.text]).to.deep.equal([204, '']);
        expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body.status).to.equal('cancelled');
      });
    });

    describe('GET /announcements (search)', () => {
      it('filters and pages with a cursor', async () => {
        const ids: string[] = [];
        for (let i = 0; i < 3; i += 1) ids.push((await api.announce({ startsAt: at(DAY + i * 3 * HOUR).toISOString(), tags: ['snacks', 'no-pets'] })).id);
        await api.announce({ startsAt: at(2 * DAY).toISOString(), place: { city: 'Paris', address: 'x' } }, USERS.other);
        const first = await api.get('/api/v1/announcements?city=berlin&tags=snacks,no-pets&limit=2', { as: USERS.guest });
        expect(first.status).to.equal(200);
        expect(first.body.items.map((i: { id: string }) => i.id)).to.deep.equal(ids.slice(0, 2));
        expect(first.body.items[0]).to.deep.include({ seatsLeft: 4, movie: { id: 'film-90', title: 'Ninety Minutes' } });
        expect(first.body.items[0].host).to.include({ id: USERS.host, name: 'Hanna Host' });
        const next = await api.get(`/api/v1/announcements?city=berlin&tags=snacks,no-pets&limit=2&cursor=${first.body.nextCursor}`, { as: USERS.guest });
        expect(next.body).to.deep.include({ nextCursor: null });
        expect(next.body.items.map((i: { id: string }) => i.id)).to.deep.equal([ids[2]]);
      });

      it('takes q, near, hasSeats, isFree, privacy, movieId, hostId, sort and a window', async () => {
        const a = await api.announce({ title: 'Matrix marathon', place: { city: 'Berlin', address: 'Mitte', lat: 52.52, lon: 13.405 }, isFree: false });
        const query = `q=matrix&near=52.52,13.405&radiusKm=3&isFree=false&privacy=public&movieId=film-90&hostId=${USERS.host}` +
          `&hasSeats=true&sort=rating&from=${encodeURIComponent(at(0).toISOString())}&to=${encodeURIComponent(at(2 * DAY).toISOString())}`;
        const reply = await api.get(`/api/v1/announcements?${query}`, { as: USERS.guest });
        expect(reply.status).to.equal(200);
        expect(reply.body.items.map((i: { id: string }) => i.id)).to.deep.equal([a.id]);
      });

      it('answers 400 for malformed filters and for a cursor it never gave out', async () => {
        const reply = await api.get('/api/v1/announcements?limit=0&isFree=maybe&near=north&radiusKm=5&sort=price&hostId=me', { as: USERS.guest });
        expect(reply.status).to.equal(400);
        expect(reply.body.errors.map((e: { path: string }) => e.path)).to.include.members(['limit', 'isFree', 'near', 'sort', 'hostId']);
        expect(reply.body.errors.every((e: { in: string }) => e.in === 'query')).to.equal(true);
        const cursor = await api.get('/api/v1/announcements?cursor=bm9wZQ', { as: USERS.guest });
        expect([cursor.status, cursor.body.code]).to.deep.equal([400, 'PAGE.INVALID_CURSOR']);
        expect((await api.get('/api/v1/announcements?radiusKm=5', { as: USERS.guest })).body.errors[0]).to.include({ path: 'radiusKm' });
      });
    });

    describe('the original design’s routes', () => {
      it('POST /announcement/{movie_id} creates, GET/PUT/DELETE /announcement/{id} read, change and cancel', async () => {
        const { movieId: _, ...rest } = body();
        const created = await api.post('/api/v1/announcement/film-120', { as: USERS.host, body: rest });
        expect(created.status).to.equal(201);
        expect(created.body.movie).to.include({ id: 'film-120' });
        const id = created.body.id as string;
        expect((await api.get(`/api/v1/announcement/${id}`, { as: USERS.guest })).body.id).to.equal(id);
        expect((await api.put(`/api/v1/announcement/${id}`, { as: USERS.host, body: { title: 'Via PUT' } })).body.title).to.equal('Via PUT');
        expect((await api.delete(`/api/v1/announcement/${id}`, { as: USERS.host })).status).to.equal(204);
        expect((await api.get(`/api/v1/announcements/${id}`, { as: USERS.host })).body.status).to.equal('cancelled');
      });
    });
  });
}
