import { expect } from 'chai';
import { httpBackends, TestApi } from '../support/http.js';
import { someone } from '../support/core.js';
import { at, DAY, USERS } from '../support/fixtures.js';

for (const backend of httpBackends()) {
  describe(`HTTP bookings on ${backend.name}`, () => {
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    it('walks the README: create → search → book → accept → both inboxes', async () => {
      const a = await api.announce({ title: 'Matrix night' });
      const found = await api.get('/api/v1/announcements?q=matrix', { as: USERS.guest });
      expect(found.body.items.map((i: { id: string }) => i.id)).to.deep.equal([a.id]);
      const booked = await api.book(a.id, USERS.guest, { seats: 2, message: 'Two of us!' });
      expect(booked.status).to.equal(201);
      expect(booked.headers.get('location')).to.equal(`/api/v1/bookings/${booked.body.id}`);
      const accepted = await api.patch(`/api/v1/bookings/${booked.body.id}`, { as: USERS.host, body: { status: 'accepted' } });
      expect([accepted.status, accepted.body.status]).to.deep.equal([200, 'accepted']);
      expect((await api.inbox(USERS.host)).map((n) => n.type)).to.deep.equal(['booking.status_changed', 'booking.created']);
      const [guestNote] = await api.inbox(USERS.guest);
      expect(guestNote).to.include({ type: 'booking.status_changed', bookingId: booked.body.id, link: booked.body.shortUrl });
      const detail = await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.guest });
      expect(detail.body.guests).to.have.length(1);
      expect(detail.body.myBooking).to.include({ id: booked.body.id, status: 'accepted', message: 'Two of us!' });
    });

    it('answers 403 to the host booking their own screening, 409 twice, 409 when closed', async () => {
      const a = await api.announce();
      expect((await api.book(a.id, USERS.host)).status).to.equal(403);
      expect((await api.book(a.id, USERS.guest)).status).to.equal(201);
      const twice = await api.book(a.id, USERS.guest);
      expect([twice.status, twice.body.code]).to.deep.equal([409, 'BOOKING.ALREADY_BOOKED']);
      await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { status: 'closed' } });
      const closed = await api.book(a.id, USERS.other);
      expect([closed.status, closed.body.code]).to.deep.equal([409, 'BOOKING.NOT_OPEN']);
    });

    it('answers 404 for friends-only screenings to strangers and 400 for a party of eleven', async () => {
      const a = await api.announce({ privacy: 'friends' });
      expect((await api.book(a.id, USERS.stranger)).status).to.equal(404);
      const big = await api.book(a.id, USERS.friend, { seats: 11 });
      expect([big.status, big.body.errors[0].path]).to.deep.equal([400, 'seats']);
    });

    it('puts a request in line when auto approval is full, and answers 409 with seats left to one that will not wait', async () => {
      const a = await api.announce({ approval: 'auto', capacity: 3 });
      expect((await api.book(a.id, USERS.other, { seats: 2 })).body.status).to.equal('accepted');
      const waiting = await api.book(a.id, USERS.guest, { seats: 2 });
      expect([waiting.status, waiting.body.status, waiting.body.waitlistPosition]).to.deep.equal([201, 'waitlisted', 1]);
      const reply = await api.book(a.id, USERS.friend, { seats: 2, waitlist: false });
      expect(reply.body).to.include({ status: 409, code: 'BOOKING.NO_SEATS_LEFT', seatsLeft: 1 });
      const huge = await api.book(a.id, USERS.stranger, { seats: 4 });
      expect(huge.body, 'a party larger than the room never waits').to.include({ status: 409, code: 'BOOKING.NO_SEATS_LEFT' });
    });

    it('accepts exactly the seats there are when twenty requests race over HTTP', async () => {
      const a = await api.announce({ approval: 'auto', capacity: 5 });
      const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => api.book(a.id, someone(i), { waitlist: false })));
      expect(replies.filter((r) => r.status === 201)).to.have.length(5);
      expect(replies.filter((r) => r.status === 409)).to.have.length(15);
      expect((await api.get(`/api/v1/announcements/${a.id}`, { as: USERS.host })).body).to.include({ seatsTaken: 5, seatsLeft: 0 });
    });

    it('shows a booking to its guest and host, 403 to others, 404 when unknown', async () => {
      const a = await api.announce();
      const b = (await api.book(a.id, USERS.guest)).body;
      expect((await api.get(`/api/v1/bookings/${b.id}`, { as: USERS.guest })).status).to.equal(200);
      expect((await api.get(`/api/v1/bookings/${b.id}`, { as: USERS.host })).body.announcement).to.include({ id: a.id });
      expect((await api.get(`/api/v1/bookings/${b.id}`, { as: USERS.stranger })).status).to.equal(403);
      expect((await api.get(`/api/v1/bookings/${someone(7)}`, { as: USERS.guest })).status).to.equal(404);
    });

    it('lets the host decide and the guest cancel; 403 and 409 otherwise', async () => {
      const a = await api.announce();
      const b = (await api.book(a.id, USERS.guest)).body;
      const path = `/api/v1/bookings/${b.id}`;
      expect((await api.patch(path, { as: USERS.guest, body: { status: 'accepted' } })).status).to.equal(403);
      expect((await api.patch(path, { as: USERS.host, body: { status: 'cancelled' } })).status).to.equal(403);
      expect((await api.patch(path, { as: USERS.host, body: { status: 'pending' } })).status).to.equal(400);
      expect((await api.patch(path, { as: USERS.host, body: { status: 'rejected' } })).status).to.equal(200);
      const again = await api.patch(path, { as: USERS.host, body: { status: 'accepted' } });
      expect([again.status, again.body.code]).to.deep.equal([409, 'BOOKING.ILLEGAL_TRANSITION']);
    });

    it('DELETE cancels the guest’s booking with 204', async () => {
      const a = await api.announce();
      const b = (await api.book(a.id, USERS.guest)).body;
      expect((await api.delete(`/api/v1/bookings/${b.id}`, { as: USERS.host })).status).to.equal(403);
      expect((await api.delete(`/api/v1/bookings/${b.id}`, { as: USERS.guest })).status).to.equal(204);
      expect((await api.get(`/api/v1/bookings/${b.id}`, { as: USERS.guest })).body.status).to.equal('cancelled');
    });

    it('lists a screening’s bookings for the host only, by status', async () => {
      const a = await api.announce();
      await api.book(a.id, USERS.guest);
      const all = await api.get(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.host });
      expect(all.body.map((b: any) => [b.guest.name, b.status])).to.deep.equal([['Gus Guest', 'pending']]);
      expect((await api.get(`/api/v1/announcements/${a.id}/bookings?status=accepted`, { as: USERS.host })).body).to.deep.equal([]);
      expect((await api.get(`/api/v1/announcements/${a.id}/bookings`, { as: USERS.guest })).status).to.equal(403);
      expect((await api.get(`/api/v1/announcements/${a.id}/bookings?status=maybe`, { as: USERS.host })).status).to.equal(400);
    });

    it('lists my bookings by role and status', async () => {
      const a = await api.announce();
      await api.book(a.id, USERS.guest);
      expect((await api.get('/api/v1/bookings?role=guest', { as: USERS.guest })).body.items).to.have.length(1);
      expect((await api.get('/api/v1/bookings?role=host', { as: USERS.guest })).body.items).to.have.length(0);
      expect((await api.get('/api/v1/bookings?role=host&status=pending', { as: USERS.host })).body.items).to.have.length(1);
      expect((await api.get('/api/v1/bookings?role=admin', { as: USERS.host })).status).to.equal(400);
    });

    it('serves the original design’s routes: POST /booking/{announcement_id}, GET/PUT/DELETE /booking/{id}', async () => {
      const a = await api.announce({ startsAt: at(DAY).toISOString() });
      const created = await api.post(`/api/v1/booking/${a.id}`, { as: USERS.guest, body: { seats: 2 } });
      expect([created.status, created.body.seats]).to.deep.equal([201, 2]);
      const path = `/api/v1/booking/${created.body.id}`;
      expect((await api.get(path, { as: USERS.guest })).body.id).to.equal(created.body.id);
      expect((await api.put(path, { as: USERS.host, body: { status: 'accepted' } })).body.status).to.equal('accepted');
      expect((await api.delete(path, { as: USERS.guest })).status).to.equal(204);
    });
  });
}
