import { expect } from 'chai';
import { USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

/** GET /me/notifications with its unread count, and POST /me/notifications/read ("mark all read"). */
for (const backend of httpBackends()) {
  describe(`HTTP inbox: unread count and mark all read, on ${backend.name}`, function () {
    this.timeout(30_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    const inbox = async (userId: string, query = '') => (await api.get(`/api/v1/me/notifications${query}`, { as: userId })).body;

    it('counts what is unread across pages, marks everything read at once, and counts what comes after', async () => {
      const a = await api.announce({ approval: 'auto' });
      for (const guest of [USERS.guest, USERS.friend]) expect((await api.book(a.id, guest)).status).to.equal(201);
      const before = await inbox(USERS.host, '?limit=1');
      expect([before.unreadCount, before.items.length, before.items[0].read]).to.deep.equal([2, 1, false]);
      // The guest hosts one too, and has a request at it: their inbox is not the host's.
      const theirs = await api.announce({ startsAt: new Date(Date.parse(a.endsAt) + 86_400_000).toISOString() }, USERS.guest);
      expect((await api.book(theirs.id, USERS.stranger)).status).to.equal(201);
      const guests = await inbox(USERS.guest);
      expect(guests.unreadCount).to.be.greaterThan(0).and.equal(guests.items.length);

      const marked = await api.post('/api/v1/me/notifications/read', { as: USERS.host });
      expect(marked.status).to.equal(204);
      const after = await inbox(USERS.host);
      expect([after.unreadCount, after.items.map((n: { read: boolean }) => n.read)]).to.deep.equal([0, [true, true]]);
      expect((await inbox(USERS.guest)).unreadCount, 'another person’s inbox').to.equal(guests.unreadCount);

      expect((await api.book(a.id, USERS.other)).status).to.equal(201);
      const later = await inbox(USERS.host);
      expect([later.unreadCount, later.items.map((n: { read: boolean }) => n.read)]).to.deep.equal([1, [false, true, true]]);
      // Marking an empty inbox read changes nothing, and says so the same way.
      expect((await api.post('/api/v1/me/notifications/read', { as: USERS.stranger })).status).to.equal(204);
      expect((await inbox(USERS.stranger)).unreadCount).to.equal(0);
      expect((await api.post('/api/v1/me/notifications/read')).status).to.equal(401);
    });
  });
}
