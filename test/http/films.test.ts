import { expect } from 'chai';
import { USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

/** GET /movies?q= and GET /movies/{movieId} — the film picker — from the embedded directory and from the films service over HTTP. */
for (const backend of httpBackends()) {
  describe(`HTTP film picker on ${backend.name}`, function () {
    this.timeout(30_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    it('finds films by the words of their title, and says which parameter is wrong', async () => {
      const found = await api.get('/api/v1/movies?q=minutes', { as: USERS.guest });
      expect(found.status, found.text).to.equal(200);
      expect(found.body.items).to.deep.include({ id: 'film-90', title: 'Ninety Minutes', durationMinutes: 90 });
      expect(found.body.items.every((f: { title: string }) => /minutes/i.test(f.title))).to.equal(true);
      expect((await api.get('/api/v1/movies?q=NINETY%20min&limit=1', { as: USERS.guest })).body.items.map((f: { id: string }) => f.id)).to.deep.equal(['film-90']);
      expect((await api.get('/api/v1/movies?q=zzzz-nothing', { as: USERS.guest })).body).to.deep.equal({ items: [] });
      for (const [query, path] of [['', 'q'], ['?q=%20', 'q'], ['?q=a&limit=0', 'limit'], ['?q=a&limit=51', 'limit']] as const) {
        const bad = await api.get(`/api/v1/movies${query}`, { as: USERS.guest });
        expect([bad.status, bad.body.errors?.[0]?.path], query).to.deep.equal([400, path]);
      }
      expect((await api.get('/api/v1/movies?q=matrix')).status).to.equal(401);
    });

    it('gives one film by its id, 404 for a film the catalogue does not know, 400 for what cannot be an id', async () => {
      const film = await api.get('/api/v1/movies/film-90', { as: USERS.guest });
      expect([film.status, film.body]).to.deep.equal([200, { id: 'film-90', title: 'Ninety Minutes', durationMinutes: 90 }]);
      const unknown = await api.get('/api/v1/movies/film-none', { as: USERS.guest });
      expect([unknown.status, unknown.body.code]).to.deep.equal([404, 'MOVIE.NOT_FOUND']);
      const bad = await api.get('/api/v1/movies/a%20b', { as: USERS.guest });
      expect([bad.status, bad.body.errors?.[0]?.path]).to.deep.equal([400, 'movieId']);
      expect((await api.get('/api/v1/movies/film-90')).status).to.equal(401);
    });
  });
}
