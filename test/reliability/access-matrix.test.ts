import { expect } from 'chai';
import { USERS } from '../support/fixtures.js';
import { httpBackends, TestApi } from '../support/http.js';
import { operationsOf } from '../support/request-arbitraries.js';
import { record } from './reliability-record.js';

const SECRET_TITLE = 'secret-friends-only-title';
const SECRET_MESSAGE = 'secret-note-to-the-host';

for (const backend of httpBackends()) {
  describe(`Reliability: the access matrix, other users × every route, on ${backend.name}`, function () {
    this.timeout(60_000);
    let api: TestApi;
    before(async () => { api = await TestApi.start(backend); });
    after(() => api.stop());

    it('refuses what is not theirs (403, or 404 for what they may not know of), leaks nothing and changes nothing', async () => {
      // The host's public screening with the guest's pending request, and a friends-only one with the friend's.
      const open = await api.announce({ description: 'public' });
      const hidden = await api.announce({ title: SECRET_TITLE, privacy: 'friends', startsAt: new Date(open.endsAt).toISOString() });
      const guestBooking = (await api.book(open.id, USERS.guest, { message: SECRET_MESSAGE })).body;
      const friendBooking = (await api.book(hidden.id, USERS.friend, { message: SECRET_MESSAGE })).body;
      const operations = operationsOf((await api.get('/openapi.json')).body);
      const snapshot = async () => JSON.stringify(await Promise.all([
        api.get(`/api/v1/announcements/${open.id}`, { as: USERS.host }), api.get(`/api/v1/announcements/${hidden.id}`, { as: USERS.host }),
        api.get(`/api/v1/bookings/${guestBooking.id}`, { as: USERS.guest }), api.get(`/api/v1/bookings/${friendBooking.id}`, { as: USERS.friend }),
      ].map(async (r) => { const { body } = await r; return [body.status, body.version, body.title, body.seats]; })));
      const before = await snapshot();

      /** Who tries what on whose resource, and what the contract says they get. */
      const cases: Array<{ as: string; op: (typeof operations)[number]; id: string; expect: number[] }> = [];
      for (const op of operations) {
        // The original design's POST /announcement/{id} announces a screening of film {id}: nobody else's.
        if (op.method === 'POST' && op.path === '/announcement/{id}') continue;
        const onScreening = /\/announcements?\/\{id\}/.test(op.path);
        const booksAt = op.method === 'POST' && /\/(announcements\/\{id\}\/bookings|booking\/\{id\})$/.test(op.path);
        const onBooking = !booksAt && /\/bookings?\/\{id\}/.test(op.path);
        if (booksAt) {
          cases.push({ as: USERS.stranger, op, id: hidden.id, expect: [404] });
        } else if (onScreening) {
          // A stranger may read the public screening, nothing more; the friends-only one does not exist for them (A5).
          // The host's lists of requests and invite links are the host's alone.
          const hostsOnly = op.method !== 'GET' || /\/(bookings|invites)$/.test(op.path);
          cases.push({ as: USERS.stranger, op, id: open.id, expect: hostsOnly ? [403] : [200] });
          cases.push({ as: USERS.stranger, op, id: hidden.id, expect: [404] });
          // The guest is no host of it (A1).
          if (hostsOnly) cases.push({ as: USERS.guest, op, id: open.id, expect: [403] });
        } else if (onBooking) {
          // Only its guest and host see a booking (B7); each does only their part (B6).
          cases.push({ as: USERS.stranger, op, id: guestBooking.id, expect: [403] });
          cases.push({ as: USERS.other, op, id: friendBooking.id, expect: [403] });
          if (op.method === 'DELETE') cases.push({ as: USERS.host, op, id: guestBooking.id, expect: [403] });
        }
      }
      let leaks = 0;
      for (const c of cases) {
        const url = `/api/v1${c.op.path.replace('{id}', c.id).replace('{rateeId}', USERS.host).replace('{guestId}', USERS.guest)}`;
        const rating = /\/ratings/.test(c.op.path);
        const body = rating
          ? { score: 5, ...(c.op.method === 'POST' ? { rateeId: USERS.host } : {}) }
          : /\/attendance\//.test(c.op.path) ? { attended: false }
          : /\/invitations$/.test(c.op.path) ? { userIds: [USERS.other] }
          : c.op.method === 'PATCH' || c.op.method === 'PUT'
            ? (/booking/.test(c.op.path) ? { status: c.as === USERS.host ? 'cancelled' : 'accepted' } : { title: 'Taken over' })
            : c.op.method === 'POST' && !c.op.path.endsWith('/cancel') ? {} : undefined;
        const reply = await api.request(c.op.method, url, { as: c.as, ...(body ? { body } : {}) });
        expect(c.expect, `${c.op.method} ${url} as ${c.as}: ${reply.text.slice(0, 200)}`).to.include(reply.status);
        const shown = reply.text;
        if (shown.includes(SECRET_MESSAGE) || shown.includes(SECRET_TITLE) || (c.id === hidden.id && shown.includes(hidden.id))) leaks += 1;
      }
      // Lists are per user: a stranger's lists hold nothing of anyone else's.
      for (const path of ['/api/v1/bookings', '/api/v1/me/notifications', '/api/v1/announcements', `/api/v1/announcements?hostId=${USERS.host}`, `/api/v1/announcements?q=${SECRET_TITLE}`]) {
        const reply = await api.get(path, { as: USERS.stranger });
        expect(reply.status).to.equal(200);
        if (reply.text.includes(SECRET_MESSAGE) || reply.text.includes(SECRET_TITLE) || reply.text.includes(guestBooking.id)) leaks += 1;
      }
      expect(leaks).to.equal(0);
      expect(await snapshot()).to.equal(before);
      expect(cases.length).to.be.greaterThan(30);
      record(`other users' access on ${backend.name}`, { tries: cases.length + 5, leaks, 'changes made': 0 });
    });
  });
}
