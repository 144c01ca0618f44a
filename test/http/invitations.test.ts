import { expect } from 'chai';
import { at, DAY, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';

/** RULES §10 I1 and I2 over HTTP on every backend; each answer is held to its documented schema. */
for (const backend of httpBackends()) {
  describe(`HTTP invitations (RULES §10) on ${backend.name}`, function () {
    this.timeout(60_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    const friendsOnly = () => api.announce({ privacy: 'friends', title: 'Just friends', startsAt: at(2 * DAY).toISOString() });
    const listed = async (as: string, id: string) =>
      ((await api.get('/api/v1/announcements?limit=100', { as })).body.items as Array<{ id: string }>).some((i) => i.id === id);

    it('makes, lists, opens, books through and revokes an invite link; to a stranger the screening exists only while it lives', async () => {
      const a = await friendsOnly();
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.stranger })).status).to.equal(404);
      const made = await api.post(`/api/v1/announcements/${a.id}/invites`, { as: USERS.host });
      expect(made.status, made.text).to.equal(201);
      const { token, url } = made.body;
      expect(url).to.equal(`http://wt.test/invites/${token}`);
      expect((await api.get(`/api/v1/announcements/${a.id}/invites`, { as: USERS.host })).body.items.map((l: { token: string }) => l.token)).to.deep.equal([token]);
      expect((await api.post(`/api/v1/announcements/${a.id}/invites`, { as: USERS.guest })).status, 'not the host').to.equal(404);

      const opened = await api.get(`/api/v1/invites/${token}`, { as: USERS.stranger });
      expect(opened.status, opened.text).to.equal(200);
      expect(opened.body).to.include({ id: a.id, title: 'Just friends' });
      expect(opened.body.place.addressHidden).to.equal(true);
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.stranger })).status).to.equal(200);
      expect(await listed(USERS.stranger, a.id)).to.equal(true);

      const asked = await api.post(`/api/v1/invites/${token}/bookings`, { as: USERS.other, body: { seats: 2 } });
      expect(asked.status, asked.text).to.equal(201);
      expect(asked.headers.get('location')).to.equal(`/api/v1/bookings/${asked.body.id}`);
      expect(asked.body).to.include({ status: 'pending', seats: 2 });

      expect((await api.delete(`/api/v1/invites/${token}`, { as: USERS.stranger })).status, 'only the host revokes').to.equal(403);
      expect((await api.delete(`/api/v1/invites/${token}`, { as: USERS.guest })).status, 'to whom it is hidden, no link').to.equal(404);
      expect((await api.delete(`/api/v1/invites/${token}`, { as: USERS.host })).status).to.equal(204);
      expect((await api.get(`/api/v1/invites/${token}`, { as: USERS.guest })).body).to.include({ status: 410, code: 'INVITE.GONE' });
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.stranger })).status).to.equal(404);
      expect(await listed(USERS.stranger, a.id)).to.equal(false);
      expect((await api.get('/api/v1/invites/not-a-token', { as: USERS.stranger })).body).to.include({ status: 404, code: 'INVITE.NOT_FOUND' });
      expect((await api.get(`/api/v1/invites/${token}`)).status, 'signed in only').to.equal(401);
    });

    it('invites people by name: they see it in search and are told; a screening that is over takes no invitations', async () => {
      const a = await friendsOnly();
      const invited = await api.post(`/api/v1/announcements/${a.id}/invitations`, { as: USERS.host, body: { userIds: [USERS.other] } });
      expect(invited.status, invited.text).to.equal(200);
      expect(invited.body).to.deep.equal({ invited: [{ id: USERS.other, name: 'Otto Other' }] });
      expect(await listed(USERS.other, a.id)).to.equal(true);
      expect((await api.inbox(USERS.other)).map((n) => n.type)).to.include('announcement.invited');
      const bad = await api.post(`/api/v1/announcements/${a.id}/invitations`, { as: USERS.host, body: { userIds: ['nope'] } });
      expect([bad.status, bad.body.errors?.[0]?.path]).to.deep.equal([400, 'userIds.0']);
      expect((await api.post(`/api/v1/announcements/${a.id}/cancel`, { as: USERS.host })).status).to.equal(200);
      const closed = await api.post(`/api/v1/announcements/${a.id}/invitations`, { as: USERS.host, body: { userIds: [USERS.stranger] } });
      expect(closed.body).to.include({ status: 409, code: 'INVITE.CLOSED' });
    });

    it('puts a request on the waitlist of a full screening, with its place in line, and lets it in when a guest leaves', async () => {
      const a = await api.announce({ approval: 'auto', capacity: 1 });
      const seated = (await api.book(a.id, USERS.guest)).body;
      const waiting = await api.book(a.id, USERS.friend);
      expect([waiting.status, waiting.body.status, waiting.body.waitlistPosition]).to.deep.equal([201, 'waitlisted', 1]);
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.friend })).body.myBooking).to.include({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await api.delete(`/api/v1/bookings/${seated.id}`, { as: USERS.guest })).status).to.equal(204);
      expect((await api.get(`/api/v1/bookings/${waiting.body.id}`, { as: USERS.friend })).body).to.include({ status: 'accepted', waitlistPosition: null });
      expect((await api.inbox(USERS.friend)).filter((n) => n.type === 'booking.status_changed')).to.have.length(1);
    });
  });
}
