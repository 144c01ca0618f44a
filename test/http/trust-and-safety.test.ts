import { expect } from 'chai';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';
import { someone } from '../support/core.js';

/** The exact place, as only those who come may read it (RULES §9 S1): texts a leak would show. */
const PLACE = { city: 'Berlin', address: 'Geheimweg 7', lat: 52.5290001, lon: 13.4010001 };
const SECRETS = ['Geheimweg 7', '52.5290001', '13.4010001'];
const BLOCKER = someone(901);

for (const backend of httpBackends()) {
  describe(`HTTP trust and safety (RULES §9) on ${backend.name}`, function () {
    this.timeout(60_000);
    let api: TestApi;
    beforeEach(async () => { api = await TestApi.start(backend); });
    afterEach(() => api.stop());

    const book = async (id: string, guest: string, seats = 1) => {
      const reply = await api.book(id, guest, { seats });
      expect(reply.status, reply.text).to.equal(201);
      return reply.body;
    };
    const decide = (bookingId: string, status: string, as: string = USERS.host) => api.patch(`/api/v1/bookings/${bookingId}`, { as, body: { status } });
    const block = (blocker: string, blocked: string) => api.post('/api/v1/me/blocks', { as: blocker, body: { userId: blocked } });

    describe('who sees where and who comes (S1, S2): the matrix of roles × routes', () => {
      it('gives the exact place and the guests’ names to the host and accepted guests only, on every route that shows them', async () => {
        const a = await api.announce({ place: PLACE, capacity: 6, description: 'Film night' });
        const accepted = await book(a.id, USERS.guest);
        expect((await decide(accepted.id, 'accepted')).status).to.equal(200);
        await book(a.id, USERS.friend); // an applicant, still pending
        await book(a.id, USERS.other); // to be blocked by the host
        expect((await block(USERS.host, USERS.other)).status).to.equal(201);
        expect((await block(BLOCKER, USERS.host)).status).to.equal(201);
        // A change everyone around it hears of, applicants included.
        expect((await api.patch(`/api/v1/announcements/${a.id}`, { as: USERS.host, body: { description: 'Film night, with soup' } })).status).to.equal(200);

        const roles = { host: USERS.host, accepted: USERS.guest, applicant: USERS.friend, stranger: USERS.stranger, blocked: USERS.other, blocker: BLOCKER };
        const seen: Record<string, string> = {};
        const detailStatus: Record<string, number> = {};
        for (const [role, user] of Object.entries(roles)) {
          const texts: string[] = [];
          const read = async (path: string) => {
            const reply = await api.get(path, { as: user });
            texts.push(reply.text);
            return reply;
          };
          const detail = await read(`/api/v1/announcements/${a.id}`);
          detailStatus[role] = detail.status;
          await read(`/api/v1/announcements?city=Berlin&limit=100`);
          await read(`/api/v1/announcements?near=52.5295,13.4005&radiusKm=5&limit=100`);
          await read(`/api/v1/announcements?hostId=${USERS.host}&q=soup`);
          const mine = await read('/api/v1/bookings?limit=100');
          for (const b of mine.body.items ?? []) await read(`/api/v1/bookings/${b.id}`);
          await read(`/api/v1/announcements/${a.id}/bookings`);
          await read('/api/v1/me/schedule');
          await read('/api/v1/me/schedule.ics');
          await read('/api/v1/me/notifications?limit=100');
          seen[role] = texts.join('\n');
          if (detail.status === 200) {
            const insider = role === 'host' || role === 'accepted';
            expect(detail.body.place.addressHidden, role).to.equal(!insider);
            expect(detail.body.guestCount, role).to.equal(1);
            if (insider) expect(detail.body.guests.map((g: { id: string }) => g.id), role).to.deep.equal([USERS.guest]);
            else {
              expect(detail.body, role).to.not.have.property('guests');
              expect(detail.body.place, role).to.deep.equal({ city: 'Berlin', area: { lat: 52.525, lon: 13.405, radiusKm: 0.8 }, timeZone: 'Europe/Berlin', addressHidden: true });
            }
          }
        }
        expect(detailStatus).to.deep.equal({ host: 200, accepted: 200, applicant: 200, stranger: 200, blocked: 404, blocker: 404 });
        const shows = Object.fromEntries(Object.entries(seen).map(([role, text]) => [role, SECRETS.filter((s) => text.includes(s))]));
        expect(shows).to.deep.equal({ host: SECRETS, accepted: SECRETS, applicant: [], stranger: [], blocked: [], blocker: [] });
        // Who else comes: the accepted guest's name, for the host and the accepted guest alone.
        const named = Object.fromEntries(Object.entries(seen).map(([role, text]) => [role, text.includes('Gus Guest')]));
        expect(named).to.deep.include({ applicant: false, stranger: false, blocked: false, blocker: false, host: true });
        // Acceptance is when the guest learns where: the notification carries it.
        const told = (await api.inbox(USERS.guest)).find((n) => n.type === 'booking.status_changed');
        expect(told.body).to.contain('Geheimweg 7');
      });

      it('measures near= from the area’s centre: no circle, however small, tells two places in one cell apart', async () => {
        // Two screenings 700 m apart in one cell (0.01° × 0.01°), by two hosts.
        const west = await api.announce({ place: { city: 'Berlin', address: 'West 1', lat: 52.5211, lon: 13.4003 } }, USERS.host);
        const east = await api.announce({ place: { city: 'Berlin', address: 'East 1', lat: 52.5289, lon: 13.4097 } }, USERS.friend);
        const found = async (lat: number, lon: number, radiusKm: number) => {
          const ids = (await api.get(`/api/v1/announcements?near=${lat},${lon}&radiusKm=${radiusKm}&limit=100`, { as: USERS.stranger })).body.items
            .map((i: { id: string }) => i.id);
          return [ids.includes(west.id), ids.includes(east.id)];
        };
        // Centred on each exact point with a circle that holds it and not the area's centre: neither is found.
        expect(await found(52.5211, 13.4003, 0.1)).to.deep.equal([false, false]);
        expect(await found(52.5289, 13.4097, 0.1)).to.deep.equal([false, false]);
        // Around the area's centre, both at once — never one without the other.
        for (const [lat, lon, r] of [[52.525, 13.405, 0.05], [52.526, 13.404, 0.2], [52.53, 13.41, 0.6], [52.52, 13.40, 0.9], [52.5, 13.4, 3]] as const) {
          const [w, e] = await found(lat, lon, r);
          expect(w, `${lat},${lon} ${r} km`).to.equal(e);
        }
      });
    });

    describe('blocks (S3)', () => {
      it('hide each side’s screenings from the other, refuse requests, and end the blocked person’s requests at the blocker’s screenings', async () => {
        const auto = await api.announce({ approval: 'auto', capacity: 3 });
        const manual = await api.announce({ startsAt: at(2 * DAY).toISOString(), capacity: 3 });
        const later = await api.announce({ startsAt: at(3 * DAY).toISOString() }, USERS.other);
        const seat = await book(auto.id, USERS.other, 2);
        const asked = await book(manual.id, USERS.other);
        expect((await api.get(`/api/v1/announcements/${auto.id}`, { as: USERS.host })).body.seatsTaken).to.equal(2);

        const blocked = await block(USERS.host, USERS.other);
        expect([blocked.status, blocked.body.user]).to.deep.equal([201, { id: USERS.other, name: 'Otto Other' }]);
        expect((await block(USERS.host, USERS.other)).status, 'once is enough').to.equal(200);
        expect((await block(USERS.host, USERS.host)).body).to.include({ status: 422, code: 'BLOCK.SELF' });
        // Their requests ended, seats freed and counted right.
        expect((await api.get(`/api/v1/bookings/${seat.id}`, { as: USERS.host })).body.status).to.equal('rejected');
        expect((await api.get(`/api/v1/bookings/${asked.id}`, { as: USERS.host })).body.status).to.equal('rejected');
        expect((await api.get(`/api/v1/announcements/${auto.id}`, { as: USERS.host })).body).to.include({ seatsTaken: 0, seatsLeft: 3 });
        // Both directions: not there, not in search, not bookable.
        for (const [viewer, id, hostId] of [[USERS.other, auto.id, USERS.host], [USERS.host, later.id, USERS.other]] as const) {
          expect((await api.get(`/api/v1/announcements/${id}`, { as: viewer })).status).to.equal(404);
          expect((await api.get(`/api/v1/announcements?hostId=${hostId}`, { as: viewer })).body.items).to.deep.equal([]);
          expect((await api.book(id, viewer)).body).to.include({ status: 404, code: 'ANNOUNCEMENT.NOT_FOUND' });
        }
        // Others still see both.
        expect((await api.get(`/api/v1/announcements?limit=10`, { as: USERS.stranger })).body.items).to.have.length(3);
        const listed = (await api.get('/api/v1/me/blocks', { as: USERS.host })).body;
        expect(listed.items.map((b: { user: { id: string } }) => b.user.id)).to.deep.equal([USERS.other]);
        expect((await api.get('/api/v1/me/blocks', { as: USERS.other })).body.items, 'private').to.deep.equal([]);
        // Unblocking restores what each sees, not what ended.
        expect((await api.delete(`/api/v1/me/blocks/${USERS.other}`, { as: USERS.host })).status).to.equal(204);
        expect((await api.get(`/api/v1/announcements/${auto.id}`, { as: USERS.other })).status).to.equal(200);
        expect((await api.get(`/api/v1/bookings/${seat.id}`, { as: USERS.other })).body.status).to.equal('rejected');
      });

      it('keep an accepted guest of a screening that has started, and end the pending requests', async () => {
        const soon = await api.announce({ approval: 'manual', startsAt: at(HOUR).toISOString(), capacity: 4 });
        const came = await book(soon.id, USERS.other);
        expect((await decide(came.id, 'accepted')).status).to.equal(200);
        const pending = await book(soon.id, USERS.friend);
        api.clock.advance(2 * HOUR);
        await block(USERS.host, USERS.other);
        await block(USERS.host, USERS.friend);
        expect((await api.get(`/api/v1/bookings/${came.id}`, { as: USERS.host })).body.status).to.equal('accepted');
        expect((await api.get(`/api/v1/bookings/${pending.id}`, { as: USERS.host })).body.status).to.equal('rejected');
      });
    });

    describe('reports (S4)', () => {
      it('are received once per reporter and subject, for subjects the reporter can see', async () => {
        const secret = await api.announce({ privacy: 'friends' });
        const open = await api.announce({ startsAt: at(2 * DAY).toISOString() });
        const theirs = await book(open.id, USERS.guest);
        const report = (as: string, body: unknown) => api.post('/api/v1/reports', { as, body });
        const filed = await report(USERS.stranger, { subject: { announcementId: open.id }, reason: 'misleading', details: 'Not the film it says' });
        expect([filed.status, filed.body.status]).to.deep.equal([202, 'open']);
        expect((await report(USERS.stranger, { subject: { announcementId: open.id }, reason: 'spam' })).body).to.include({ status: 409, code: 'REPORT.ALREADY_OPEN' });
        expect((await report(USERS.stranger, { subject: { announcementId: secret.id }, reason: 'spam' })).body).to.include({ status: 404, code: 'REPORT.SUBJECT_NOT_FOUND' });
        expect((await report(USERS.stranger, { subject: { bookingId: theirs.id }, reason: 'spam' })).status).to.equal(404);
        expect((await report(USERS.host, { subject: { bookingId: theirs.id }, reason: 'harassment' })).status).to.equal(202);
        expect((await report(USERS.guest, { subject: { userId: USERS.host }, reason: 'unsafe' })).status).to.equal(202);
        expect((await report(USERS.guest, { subject: { userId: USERS.guest }, reason: 'unsafe' })).body).to.include({ status: 400, code: 'REPORT.INVALID' });
        const two = await report(USERS.guest, { subject: { userId: USERS.host, announcementId: open.id }, reason: 'spam' });
        expect([two.status, two.body.errors[0].path]).to.deep.equal([400, 'subject']);
        expect((await report(USERS.guest, { subject: { userId: USERS.other }, reason: 'rude' })).status).to.equal(400);
      });
    });

    describe('attendance and reliability (S5), references (S6)', () => {
      const END = at(DAY + 8 * HOUR + 90 * 60_000); // aDraft: tomorrow 20:00 UTC, 90 minutes

      it('lets the host mark accepted guests after the end for 14 days; a no-show is told, and counts', async () => {
        const a = await api.announce({ approval: 'auto', capacity: 4 });
        const other = await api.announce({ approval: 'auto', startsAt: at(3 * DAY).toISOString() });
        await book(a.id, USERS.guest);
        await book(a.id, USERS.friend);
        const late = await book(other.id, USERS.guest);
        const mark = (guestId: string, attended: boolean, as: string = USERS.host) =>
          api.put(`/api/v1/announcements/${a.id}/attendance/${guestId}`, { as, body: { attended } });
        expect((await mark(USERS.guest, false)).body).to.include({ status: 409, code: 'ATTENDANCE.NOT_YET' });
        api.clock.set(new Date(at(3 * DAY).getTime() - 3 * HOUR));
        // Less than 24 h before its start: a late cancellation.
        expect((await api.patch(`/api/v1/bookings/${late.id}`, { as: USERS.guest, body: { status: 'cancelled' } })).status).to.equal(200);
        await api.service.watcher.execute();
        expect((await mark(USERS.guest, false, USERS.friend)).status).to.equal(403);
        expect((await mark(USERS.stranger, false)).body).to.include({ status: 422, code: 'ATTENDANCE.NOT_A_GUEST' });
        expect((await mark(USERS.guest, false)).body).to.deep.equal({ guestId: USERS.guest, attended: false });
        expect((await mark(USERS.friend, true)).status).to.equal(200);
        const told = (await api.inbox(USERS.guest)).filter((n) => n.type === 'attendance.no_show');
        expect(told).to.have.length(1);
        expect((await api.inbox(USERS.friend)).filter((n) => n.type === 'attendance.no_show')).to.deep.equal([]);
        const record = (await api.get(`/api/v1/users/${USERS.guest}/rating`, { as: USERS.stranger })).body.reliability;
        expect(record).to.deep.equal({ attended: 0, noShows: 1, lateCancellations: 1 });
        // The host sees it beside the next request.
        const next = await api.announce({ startsAt: at(5 * DAY).toISOString() });
        await book(next.id, USERS.guest);
        const [request] = (await api.get(`/api/v1/announcements/${next.id}/bookings`, { as: USERS.host })).body;
        expect(request.guest.reliability).to.deep.equal(record);
        api.clock.set(new Date(END.getTime() + 14 * DAY + 1000));
        expect((await mark(USERS.guest, true)).body).to.include({ status: 409, code: 'ATTENDANCE.WINDOW_CLOSED' });
      });

      it('lists the latest rating comments with their authors, newest first, by page', async () => {
        const a = await api.announce({ approval: 'auto', capacity: 4 });
        for (const guest of [USERS.guest, USERS.friend, USERS.other]) await book(a.id, guest);
        api.clock.set(new Date(END.getTime() + 60_000));
        await api.service.watcher.execute();
        const rate = (as: string, comment: string | null) => api.post(`/api/v1/announcements/${a.id}/ratings`, { as, body: { rateeId: USERS.host, score: 4, comment } });
        expect((await rate(USERS.guest, 'Warm and kind')).status).to.equal(201);
        api.clock.advance(1000);
        expect((await rate(USERS.friend, null)).status).to.equal(201);
        api.clock.advance(1000);
        expect((await rate(USERS.other, 'Great print')).status).to.equal(201);
        const first = (await api.get(`/api/v1/users/${USERS.host}/rating?limit=1`, { as: USERS.stranger })).body.reviews;
        expect(first.items).to.deep.equal([{ score: 4, comment: 'Great print', role: 'host', createdAt: new Date(END.getTime() + 62_000).toISOString(), by: { id: USERS.other, name: 'Otto Other' } }]);
        const second = (await api.get(`/api/v1/users/${USERS.host}/rating?limit=1&cursor=${first.nextCursor}`, { as: USERS.stranger })).body.reviews;
        expect([second.items.map((r: { comment: string }) => r.comment), second.nextCursor]).to.deep.equal([['Warm and kind'], null]);
        expect((await api.get(`/api/v1/users/${USERS.host}/rating?cursor=bm9wZQ`, { as: USERS.stranger })).status).to.equal(400);
      });
    });

    describe('link previews (S1)', () => {
      it('show a public screening’s film, title, time and city to a preview client, nothing private; a generic card otherwise', async () => {
        const open = await api.announce({ place: PLACE, title: 'Rooftop <Matrix>' });
        const secret = await api.announce({ place: PLACE, title: 'Just friends', privacy: 'friends', startsAt: at(2 * DAY).toISOString() });
        const code = (shortUrl: string) => new URL(shortUrl).pathname;
        const own = async (shortUrl: string) => (shortUrl.startsWith('http://wt.test/') ? shortUrl : (await fetch(shortUrl, { redirect: 'manual' })).headers.get('location')!);
        const preview = await api.get(code(await own(open.shortUrl)), { headers: { Accept: '*/*', 'User-Agent': 'TelegramBot (like TwitterBot)' } });
        expect([preview.status, preview.headers.get('content-type')]).to.deep.equal([200, 'text/html; charset=utf-8']);
        expect(preview.text).to.contain('<meta property="og:title" content="Rooftop &lt;Matrix&gt;">');
        expect(preview.text).to.contain('Ninety Minutes · ');
        expect(preview.text, 'the local time with its zone (T1)').to.contain('Ninety Minutes · Sat, 2 Mar 2030, 21:00 CET · Berlin');
        expect(preview.text).to.contain(`<meta http-equiv="refresh" content="0; url=http://wt.test/screenings/${open.id}">`);
        for (const secretText of [...SECRETS, 'Hanna Host']) expect(preview.text).to.not.contain(secretText);
        const generic = await api.get(code(await own(secret.shortUrl)), { headers: { Accept: 'text/html' } });
        expect(generic.text).to.contain('A screening on Watch Together').and.not.contain('Just friends');
        // A browser that navigates is sent to the page.
        const navigating = await api.navigate(code(await own(open.shortUrl)), { Accept: 'text/html', 'Sec-Fetch-Mode': 'navigate' });
        expect([navigating.status, navigating.location]).to.deep.equal([302, `http://wt.test/screenings/${open.id}`]);
      });
    });
  });
}
