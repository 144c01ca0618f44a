import { expect } from 'chai';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

const END = at(DAY + 8 * HOUR + 90 * 60_000); // aDraft's screening: tomorrow 20:00 UTC, 90 minutes

for (const backend of httpBackends()) {
  describe(`HTTP ratings both ways (RULES §5) on ${backend.name}`, function () {
    this.timeout(30_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    /** A screening by the host with the guest and the friend accepted and the other user pending, run to its end. */
    const screeningDone = async () => {
      const a = await api.announce({ approval: 'auto' });
      for (const guest of [USERS.guest, USERS.friend]) expect((await api.book(a.id, guest)).status).to.equal(201);
      return a;
    };
    const finish = async () => {
      api.clock.set(new Date(END.getTime() + 60_000));
      expect((await api.service.watcher.execute()).done).to.be.greaterThan(0);
    };
    const rate = (announcementId: string, as: string, body: Record<string, unknown>) =>
      api.post(`/api/v1/announcements/${announcementId}/ratings`, { as, body });

    it('refuses ratings before the end (409), from strangers (403), out of range (400), and of the wrong person (422)', async () => {
      const a = await screeningDone();
      expect((await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 5 })).body).to.include({ status: 409, code: 'RATING.NOT_YET' });
      await finish();
      expect((await rate(a.id, USERS.stranger, { rateeId: USERS.host, score: 5 })).body).to.include({ status: 403, code: 'RATING.FORBIDDEN' });
      const outOfRange = await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 6 });
      expect(outOfRange.status).to.equal(400);
      expect(outOfRange.body.errors.map((e: { path: string }) => e.path)).to.deep.equal(['score']);
      expect((await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 0 })).status).to.equal(400);
      const wrongPerson = await rate(a.id, USERS.guest, { rateeId: USERS.friend, score: 5 });
      expect(wrongPerson.body).to.include({ status: 422, code: 'RATING.NOT_A_RATEE' });
      expect(wrongPerson.body.errors[0]).to.include({ path: 'rateeId' });
      expect((await rate(a.id, USERS.host, { rateeId: USERS.stranger, score: 5 })).status).to.equal(422);
    });

    it('asks every participant to rate, takes one rating each way, and shows the Bayesian score everywhere', async () => {
      const a = await screeningDone();
      await finish();
      for (const who of [USERS.host, USERS.guest, USERS.friend]) {
        const asks = (await api.inbox(who)).filter((n) => n.type === 'rating.requested');
        expect(asks, who).to.have.length(1);
        expect(asks[0]).to.include({ announcementId: a.id, link: a.shortUrl });
      }
      expect((await api.get('/api/v1/me/ratings/pending', { as: USERS.host })).body.items.map((i: any) => [i.ratee.id, i.as]))
        .to.have.deep.members([[USERS.guest, 'guest'], [USERS.friend, 'guest']]);
      const pendingForGuest = (await api.get('/api/v1/me/ratings/pending', { as: USERS.guest })).body.items;
      expect(pendingForGuest).to.have.length(1);
      expect(pendingForGuest[0]).to.deep.include({ as: 'host', ratee: { id: USERS.host, name: 'Hanna Host' } });
      expect(pendingForGuest[0].announcement).to.include({ id: a.id, title: a.title });

      const given = await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 5, comment: 'Perfect evening' });
      expect(given.status).to.equal(201);
      expect(given.body).to.include({ raterId: USERS.guest, rateeId: USERS.host, as: 'host', score: 5, comment: 'Perfect evening' });
      expect(given.body.changeableUntil).to.equal(new Date(END.getTime() + 14 * DAY).toISOString());
      expect((await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 1 })).body).to.include({ status: 409, code: 'RATING.ALREADY_RATED' });
      expect((await rate(a.id, USERS.host, { rateeId: USERS.guest, score: 2 })).status).to.equal(201);
      expect((await api.get('/api/v1/me/ratings/pending', { as: USERS.guest })).body.items).to.deep.equal([]);
      expect((await api.get('/api/v1/me/ratings/pending', { as: USERS.host })).body.items.map((i: any) => i.ratee.id)).to.deep.equal([USERS.friend]);

      // One 5-star rating: average 5, but the Bayesian mean (3·5 + 5) / 6 = 3.33 — below a 4.9 filter.
      const hostRating = (await api.get(`/api/v1/users/${USERS.host}/rating`, { as: USERS.stranger })).body;
      expect(hostRating).to.deep.include({
        userId: USERS.host, asHost: { average: 5, count: 1, score: 3.33 }, asGuest: { average: null, count: 0, score: 3 },
        reliability: { attended: 0, noShows: 0, lateCancellations: 0 },
      });
      expect((await api.get(`/api/v1/users/${USERS.guest}/rating`, { as: USERS.host })).body.asGuest).to.deep.equal({ average: 2, count: 1, score: 2.83 });
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.guest })).body.host.rating).to.deep.equal(hostRating.asHost);
      const guestsSeenByHost = (await api.get(`/api/v1/announcements/${a.id}/bookings?status=accepted`, { as: USERS.host })).body;
      expect(guestsSeenByHost.find((b: any) => b.guestId === USERS.guest).guest.rating).to.deep.include({ count: 1, score: 2.83 });

      // Search: the host's next screening carries the score, and minHostRating and sort=rating use it.
      const next = await api.announce({ startsAt: at(3 * DAY).toISOString() });
      const other = await api.announce({ startsAt: at(3 * DAY).toISOString() }, USERS.other);
      const byRating = (await api.get('/api/v1/announcements?sort=rating', { as: USERS.stranger })).body.items;
      expect(byRating.map((i: any) => i.id)).to.deep.equal([next.id, other.id]);
      expect(byRating[0].host.rating).to.deep.equal(hostRating.asHost);
      expect((await api.get('/api/v1/announcements?minHostRating=3.3', { as: USERS.stranger })).body.items.map((i: any) => i.id)).to.deep.equal([next.id]);
      expect((await api.get('/api/v1/announcements?minHostRating=4.9', { as: USERS.stranger })).body.items).to.deep.equal([]);
    });

    it('lets the rater change a rating for 14 days (PUT), then refuses (409)', async () => {
      const a = await screeningDone();
      await finish();
      const path = `/api/v1/announcements/${a.id}/ratings/${USERS.host}`;
      expect((await api.put(path, { as: USERS.guest, body: { score: 4 } })).body).to.include({ status: 404, code: 'RATING.NOT_FOUND' });
      expect((await rate(a.id, USERS.guest, { rateeId: USERS.host, score: 2 })).status).to.equal(201);
      expect((await api.put(path, { as: USERS.stranger, body: { score: 4 } })).status).to.equal(403);
      api.clock.set(new Date(END.getTime() + 13 * DAY));
      const changed = await api.put(path, { as: USERS.guest, body: { score: 4, comment: 'Better than I said' } });
      expect(changed.status).to.equal(200);
      expect(changed.body).to.include({ score: 4, comment: 'Better than I said' });
      expect((await api.get(`/api/v1/users/${USERS.host}/rating`, { as: USERS.guest })).body.asHost).to.deep.equal({ average: 4, count: 1, score: 3.17 });
      api.clock.set(new Date(END.getTime() + 14 * DAY + 1000));
      expect((await api.put(path, { as: USERS.guest, body: { score: 1 } })).body).to.include({ status: 409, code: 'RATING.WINDOW_CLOSED' });
      expect((await rate(a.id, USERS.friend, { rateeId: USERS.host, score: 5 })).body).to.include({ status: 409, code: 'RATING.WINDOW_CLOSED' });
      expect((await api.get('/api/v1/me/ratings/pending', { as: USERS.friend })).body.items).to.deep.equal([]);
    });

    it('asks nobody to rate a screening without guests, and hides friends-only ones from strangers (404)', async () => {
      const lonely = await api.announce({ privacy: 'friends' });
      await finish();
      expect((await api.inbox(USERS.host)).filter((n) => n.type === 'rating.requested')).to.deep.equal([]);
      expect((await rate(lonely.id, USERS.stranger, { rateeId: USERS.host, score: 5 })).status).to.equal(404);
    });

    it('counts every rating when a host, guests and a double-posting guest rate at once', async () => {
      const a = await api.announce({ approval: 'auto', capacity: 10 });
      const guests = [USERS.guest, USERS.friend, USERS.other, USERS.stranger];
      for (const guest of guests) expect((await api.book(a.id, guest)).status).to.equal(201);
      await finish();
      const posts = [
        ...guests.map((g, i) => rate(a.id, g, { rateeId: USERS.host, score: 1 + i })),
        ...Array.from({ length: 6 }, () => rate(a.id, USERS.guest, { rateeId: USERS.host, score: 5 })),
        ...guests.map((g) => rate(a.id, USERS.host, { rateeId: g, score: 4 })),
        ...Array.from({ length: 6 }, () => rate(a.id, USERS.host, { rateeId: USERS.guest, score: 1 })),
      ];
      const statuses = (await Promise.all(posts)).map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).to.have.length(8);
      expect(statuses.filter((s) => s === 409)).to.have.length(12);
      const host = (await api.get(`/api/v1/users/${USERS.host}/rating`, { as: USERS.host })).body.asHost;
      expect(host.count).to.equal(4);
      for (const guest of guests)
        expect((await api.get(`/api/v1/users/${guest}/rating`, { as: USERS.host })).body.asGuest.count, guest).to.equal(1);
      const detail = (await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body;
      expect(detail.host.rating).to.deep.equal(host);
    });
  });
}
