import { expect } from 'chai';
import { ok, type Result } from 'neverthrow';
import type { SearchCriteria, SearchHit, Stores } from '../../application/index.js';
import { searchPointOf, type Announcement } from '../../domain/index.js';
import { at, DAY, greatCircleKm, HOUR, T0, USERS } from '../fixtures.js';
import type { ContractSubject, PortsUnderTest } from '../contract-subject.js';
import { globalTestApi, type TestApi } from '../test-api.js';
import { aBooking, anAnnouncement, id } from '../states.js';

const base: SearchCriteria = { viewerId: USERS.guest, friendHostIds: [USERS.guest], status: 'open', sort: 'startsAt', limit: 50, from: T0, now: T0 };

export const searchContract = (subject: ContractSubject, { describe, it, beforeEach, afterEach }: TestApi = globalTestApi()): void => {
  describe(`AnnouncementSearch contract on ${subject.name}`, () => {
    let storage: PortsUnderTest;
    beforeEach(async () => { storage = await subject.open(); });
    afterEach(() => storage.close());

    const seed = async (...items: Announcement[]) => {
      const r = await storage.uow.transaction(async (s) => {
        for (const a of items) {
          const saved = await s.announcements.save(a, true);
          if (saved.isErr()) return saved;
        }
        return ok(undefined);
      });
      if (r.isErr()) throw new Error(JSON.stringify(r.error));
    };
    const ids = (hits: SearchHit[]) => hits.map((h) => h.announcement.id);
    const find = async (criteria: Partial<SearchCriteria>) => ids(await storage.search.search({ ...base, ...criteria }));

    it('finds open screenings in the time window, earliest first', async () => {
      const [past, soon, later, beyond] = [-HOUR, HOUR, DAY, 10 * DAY].map((t, i) =>
        anAnnouncement({ startsAt: at(t), hostId: [USERS.host, USERS.other, USERS.friend, USERS.stranger][i] }));
      await seed(later!, past!, beyond!, soon!);
      expect(await find({})).to.deep.equal([soon!.id, later!.id, beyond!.id]);
      expect(await find({ to: at(2 * DAY) })).to.deep.equal([soon!.id, later!.id]);
      expect(await find({ from: undefined })).to.deep.equal([past!.id, soon!.id, later!.id, beyond!.id]);
    });

    it('filters by status, city (any case), film, host, price, privacy and seats', async () => {
      const paris = anAnnouncement({ place: { city: 'Paris', address: '1 rue A' }, isFree: false });
      const full = anAnnouncement({ hostId: USERS.other, capacity: 2, seatsTaken: 2, film: { id: 'film-120', title: 'Two Hours', durationMinutes: 120 } });
      const closed = anAnnouncement({ hostId: USERS.friend, status: 'closed' });
      await seed(paris, full, closed);
      expect(await find({ city: 'paris' })).to.deep.equal([paris.id]);
      expect(await find({ movieId: 'film-120' })).to.deep.equal([full.id]);
      expect(await find({ hostId: USERS.other })).to.deep.equal([full.id]);
      expect(await find({ isFree: false })).to.deep.equal([paris.id]);
      expect(await find({ isFree: true })).to.deep.equal([full.id]);
      expect(await find({ hasSeats: true })).to.deep.equal([paris.id]);
      expect(await find({ status: 'closed' })).to.deep.equal([closed.id]);
      expect(await find({ privacy: 'friends' })).to.deep.equal([]);
    });

    it('requires every tag asked for', async () => {
      const both = anAnnouncement({ tags: ['snacks', 'no-pets', '18plus'] });
      const one = anAnnouncement({ hostId: USERS.other, tags: ['snacks'] });
      await seed(both, one);
      expect(await find({ tags: ['snacks'] })).to.have.members([both.id, one.id]);
      expect(await find({ tags: ['snacks', 'no-pets'] })).to.deep.equal([both.id]);
      expect(await find({ tags: ['original-audio'] })).to.deep.equal([]);
    });

    it('matches every word of q in the title or description', async () => {
      const matrix = anAnnouncement({ title: 'Matrix marathon', description: 'All three films, pizza included' });
      const other = anAnnouncement({ hostId: USERS.other, title: 'Quiet evening', description: 'Pizza and a classic' });
      await seed(matrix, other);
      expect(await find({ q: 'pizza' })).to.have.members([matrix.id, other.id]);
      expect(await find({ q: 'MATRIX pizza' })).to.deep.equal([matrix.id]);
      expect(await find({ q: 'matrix evening' })).to.deep.equal([]);
    });

    it('finds screenings within a radius of a point', async () => {
      const berlin = anAnnouncement({ place: { city: 'Berlin', address: 'Mitte', lat: 52.52, lon: 13.405 } });
      const potsdam = anAnnouncement({ hostId: USERS.other, place: { city: 'Potsdam', address: 'Zentrum', lat: 52.3906, lon: 13.0645 } });
      const unplaced = anAnnouncement({ hostId: USERS.friend, place: { city: 'Berlin', address: 'somewhere' } });
      await seed(berlin, potsdam, unplaced);
      expect(await find({ near: { lat: 52.52, lon: 13.405, radiusKm: 5 } })).to.deep.equal([berlin.id]);
      expect(await find({ near: { lat: 52.52, lon: 13.405, radiusKm: 40 } })).to.have.members([berlin.id, potsdam.id]);
    });

    it('finds screenings across the antimeridian and near a pole', async () => {
      const fiji = anAnnouncement({ place: { city: 'Taveuni', address: 'Coast', lat: -16.8, lon: 179.95 } });
      const svalbard = anAnnouncement({ hostId: USERS.other, place: { city: 'Longyearbyen', address: 'Pole', lat: 89.9, lon: 120 } });
      await seed(fiji, svalbard);
      expect(await find({ near: { lat: -16.8, lon: -179.95, radiusKm: 20 } })).to.deep.equal([fiji.id]);
      expect(await find({ near: { lat: 89.9, lon: -60, radiusKm: 30 } })).to.deep.equal([svalbard.id]);
    });

    it('lists screenings near a point in time order over a year, a page at a time, wherever they start', async () => {
      // Starts from hours to months ahead: a backend may read a near= search in windows of time (the PostgreSQL one does).
      const offsets = [2, 30, 24 * 6, 150, 24 * 7, 24 * 20, 24 * 62, 24 * 63, 24 * 200, 24 * 360].map((h) => h * HOUR);
      const items = offsets.map((t, i) => anAnnouncement({ startsAt: at(t), hostId: `40000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        place: { city: 'Berlin', address: `${i}`, lat: 52.52 + i / 1000, lon: 13.405 } }));
      await seed(...[...items].reverse());
      const near = { lat: 52.52, lon: 13.405, radiusKm: 5 };
      expect(await find({ near })).to.deep.equal(items.map((a) => a.id));
      const pages: string[][] = [];
      let after: SearchCriteria['after'];
      do {
        const hits = await storage.search.search({ ...base, near, limit: 3, ...(after ? { after } : {}) });
        pages.push(ids(hits));
        after = hits.length === 3 ? hits.at(-1)!.key : undefined;
      } while (after);
      expect(pages.flat()).to.deep.equal(items.map((a) => a.id));
      expect(pages.map((p) => p.length)).to.deep.equal([3, 3, 3, 1]);
      expect(await find({ near, to: at(24 * 63 * HOUR) })).to.deep.equal(items.slice(0, 7).map((a) => a.id));
      expect(await find({ near, from: at(24 * 8 * HOUR), to: at(24 * 100 * HOUR) })).to.deep.equal(items.slice(5, 8).map((a) => a.id));
    });

    it('agrees with great-circle distance for random points and circles', async () => {
      let seedValue = 42;
      const random = () => ((seedValue = (seedValue * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const around = { lat: 48 + random() * 6, lon: 2 + random() * 14 };
      const points = Array.from({ length: 400 }, () => ({ lat: around.lat + (random() - 0.5) * 4, lon: around.lon + (random() - 0.5) * 6 }));
      // One host per point: the same start time for all, so only the place decides.
      const items = points.map((p, i) => anAnnouncement({ hostId: `30000000-0000-4000-8000-${String(i).padStart(12, '0')}`, place: { city: 'Grid', address: `${i}`, ...p } }));
      await seed(...items);
      for (let q = 0; q < 40; q += 1) {
        const centre = { lat: around.lat + (random() - 0.5) * 4, lon: around.lon + (random() - 0.5) * 6 };
        const radiusKm = [3, 12, 40, 150, 400][q % 5]!;
        const found = new Set(await find({ near: { ...centre, radiusKm }, limit: 500 }));
        items.forEach((item, i) => {
          // S1: measured from the area's centre, which everyone may know, never from the place.
          const d = greatCircleKm(centre, searchPointOf(item.snapshot().place)!);
          if (Math.abs(d - radiusKm) < radiusKm * 1e-3) return; // on the rim, rounding may go either way
          expect(found.has(item.id), `query ${q}: point ${i} at ${d.toFixed(2)} km of a ${radiusKm} km circle`).to.equal(d < radiusKm);
        });
      }
    });

    it('shows friends-only screenings only to the host’s friends', async () => {
      const secret = anAnnouncement({ privacy: 'friends' });
      await seed(secret);
      expect(await find({})).to.deep.equal([]);
      expect(await find({ viewerId: USERS.friend, friendHostIds: [USERS.friend, USERS.host] })).to.deep.equal([secret.id]);
    });

    it('pages by keyset, stable when screenings are added before the cursor', async () => {
      const hosts = [USERS.host, USERS.other, USERS.friend, USERS.stranger, USERS.guest];
      const items = hosts.map((hostId, i) => anAnnouncement({ hostId, startsAt: at(DAY + i * HOUR) }));
      await seed(...items);
      const first = await storage.search.search({ ...base, limit: 2 });
      expect(ids(first)).to.deep.equal([items[0]!.id, items[1]!.id]);
      await seed(anAnnouncement({ hostId: USERS.host, startsAt: at(HOUR) }));
      const next = await storage.search.search({ ...base, limit: 2, after: first.at(-1)!.key });
      expect(ids(next)).to.deep.equal([items[2]!.id, items[3]!.id]);
    });

    it('breaks ties of start time by id', async () => {
      const same = [USERS.host, USERS.other, USERS.friend].map((hostId) => anAnnouncement({ hostId, startsAt: at(DAY) }));
      await seed(...same);
      const first = await storage.search.search({ ...base, limit: 1 });
      const rest = await storage.search.search({ ...base, limit: 5, after: first[0]!.key });
      expect([...ids(first), ...ids(rest)]).to.deep.equal(same.map((a) => a.id).sort());
    });

    // `storage.search` is what GET /announcements reads; a backend may keep pages between requests
    // (PostgreSQL: pg-search-cache.ts), but never answer with one a write has changed — neither a
    // hit changed nor a screening that was on no page coming in.
    it('answers a search asked again after every kind of write a page shows', async () => {
      const a = anAnnouncement({ title: 'A', startsAt: at(DAY), capacity: 2 });
      const b = anAnnouncement({ title: 'B', hostId: USERS.other, startsAt: at(2 * DAY), capacity: 1 });
      const secret = anAnnouncement({ title: 'S', hostId: USERS.friend, startsAt: at(3 * DAY), privacy: 'friends' });
      await seed(a, b, secret);
      const asked = {
        guest: { ...base },
        'guest, seats left': { ...base, hasSeats: true },
        'guest, by rating': { ...base, sort: 'rating' },
        stranger: { ...base, viewerId: USERS.stranger, friendHostIds: [USERS.stranger] },
        other: { ...base, viewerId: USERS.other, friendHostIds: [USERS.other] },
      } satisfies Record<string, SearchCriteria>;
      /** Title, seats taken and the viewer's booking of each hit. */
      const seen = (hits: SearchHit[]) => hits.map((h) => `${h.announcement.title} ${h.announcement.seatsTaken} ${h.viewerBooking?.status ?? '-'}`);
      const expectAll = async (after: string, expected: Record<keyof typeof asked, string[]>) => {
        for (const [who, criteria] of Object.entries(asked) as Array<[keyof typeof asked, SearchCriteria]>) {
          expect(seen(await storage.search.search(criteria)), `${after}, ${who}`).to.deep.equal(expected[who]);
          expect(seen(await storage.search.search(criteria)), `${after}, ${who}, asked again`).to.deep.equal(expected[who]);
        }
      };
      const write = async (what: string, work: (s: Stores) => Promise<Result<unknown, unknown>>) => {
        expect((await storage.uow.transaction(work)).isOk(), what).to.equal(true);
      };
      const all = ['A 0 -', 'B 0 -'];
      await expectAll('nothing written', { guest: all, 'guest, seats left': all, 'guest, by rating': all, stranger: all, other: all });

      const booking = aBooking(b.snapshot(), { guestId: USERS.guest, status: 'pending', seats: 1 });
      await write('a booking asked for', (s) => s.bookings.save(booking, true));
      const pending = ['A 0 -', 'B 0 pending'];
      await expectAll('a booking asked for', { guest: pending, 'guest, seats left': pending, 'guest, by rating': pending, stranger: all, other: all });

      const decided = (how: 'accept' | 'cancel') => async (s: Stores) => {
        const screening = (await s.announcements.byId(b.id, 'for-update'))!;
        const mine = (await s.bookings.byId(booking.id, 'for-update'))!;
        const done = how === 'accept' ? mine.decide(USERS.other, 'accepted', screening, T0) : mine.cancel(USERS.guest, screening, T0);
        if (done.isErr()) return done;
        const saved = await s.bookings.save(mine, false);
        return saved.isErr() ? saved : s.announcements.saveSeats(screening).then(() => ok(undefined));
      };
      await write('the booking accepted, B full', decided('accept'));
      const full = ['A 0 -', 'B 1 -'];
      const accepted = ['A 0 -', 'B 1 accepted'];
      await expectAll('the booking accepted, B full', { guest: accepted, 'guest, seats left': ['A 0 -'], 'guest, by rating': accepted, stranger: full, other: full });

      await write('the booking cancelled, a seat freed on a full screening', decided('cancel'));
      const cancelled = ['A 0 -', 'B 0 cancelled'];
      await expectAll('a seat freed on B', { guest: cancelled, 'guest, seats left': cancelled, 'guest, by rating': cancelled, stranger: all, other: all });

      await seed(anAnnouncement({ title: 'C', hostId: USERS.other, startsAt: at(12 * HOUR) }));
      await write('A renamed', async (s) => {
        const screening = (await s.announcements.byId(a.id, 'for-update'))!;
        screening.update(USERS.host, { title: 'A2' }, T0);
        return s.announcements.save(screening, false);
      });
      const withC = ['C 0 -', 'A2 0 -', 'B 0 -'];
      const guestWithC = ['C 0 -', 'A2 0 -', 'B 0 cancelled'];
      await expectAll('C announced, A renamed', { guest: guestWithC, 'guest, seats left': guestWithC, 'guest, by rating': guestWithC, stranger: withC, other: withC });

      await write('a block', async (s) => { await s.blocks.add({ blockerId: USERS.host, blockedId: USERS.stranger, createdAt: T0 }); return ok(undefined); });
      await expectAll('a block', { guest: guestWithC, 'guest, seats left': guestWithC, 'guest, by rating': guestWithC, stranger: ['C 0 -', 'B 0 -'], other: withC });
      await write('the block lifted', async (s) => { await s.blocks.remove(USERS.host, USERS.stranger); return ok(undefined); });

      const link = '20000000-0000-4000-8000-000000000003';
      await write('an invitation by link', async (s) => {
        await s.invites.add({ id: link, announcementId: secret.id, createdBy: USERS.friend, createdAt: T0, revokedAt: null }, 'c'.repeat(64));
        await s.invites.invite(secret.id, USERS.other, link, T0);
        return ok(undefined);
      });
      await expectAll('an invitation by link', { guest: guestWithC, 'guest, seats left': guestWithC, 'guest, by rating': guestWithC, stranger: withC, other: [...withC, 'S 0 -'] });
      await write('the link revoked', async (s) => { await s.invites.revoke(link, T0); return ok(undefined); });
      await expectAll('the link revoked', { guest: guestWithC, 'guest, seats left': guestWithC, 'guest, by rating': guestWithC, stranger: withC, other: withC });

      await write('a rating of B’s host', async (s) => {
        const saved = await s.ratings.save({ announcementId: b.id, raterId: USERS.guest, rateeId: USERS.other, as: 'host', score: 5, comment: null, createdAt: T0, updatedAt: T0 }, true);
        if (saved.isErr()) return saved;
        await s.ratings.storeHostScore(USERS.other, 3.5); // as RateParticipant stores the new score
        return ok(undefined);
      });
      await expectAll('a rating of B’s host', { guest: guestWithC, 'guest, seats left': guestWithC, 'guest, by rating': ['C 0 -', 'B 0 cancelled', 'A2 0 -'], stranger: withC, other: withC });

      // Time alone: once C has started, the upcoming (from now) no longer hold it.
      const later = at(13 * HOUR);
      expect(seen(await storage.search.search({ ...base, from: later, now: later })), 'after C’s start').to.deep.equal(['A2 0 -', 'B 0 cancelled']);
    });

    it('sorts by host rating (Bayesian) and filters by a minimum', async () => {
      const byHost = anAnnouncement({ startsAt: at(DAY) });
      const byOther = anAnnouncement({ hostId: USERS.other, startsAt: at(2 * DAY) });
      const byFriend = anAnnouncement({ hostId: USERS.friend, startsAt: at(3 * DAY) });
      await seed(byHost, byOther, byFriend);
      for (let i = 0; i < 5; i += 1) await storage.seedRating({ announcementId: byOther.id, raterId: id(), rateeId: USERS.other, as: 'host', score: 5 });
      await storage.seedRating({ announcementId: byFriend.id, raterId: id(), rateeId: USERS.friend, as: 'host', score: 1 });
      await storage.seedRating({ announcementId: byOther.id, raterId: id(), rateeId: USERS.host, as: 'guest', score: 5 });
      const hits = await storage.search.search({ ...base, sort: 'rating' });
      expect(ids(hits)).to.deep.equal([byOther.id, byHost.id, byFriend.id]);
      expect(hits.map((h) => (h.key.sort === 'rating' ? h.key.score : null))).to.deep.equal([4, 3, 2.67]);
      const page = await storage.search.search({ ...base, sort: 'rating', limit: 1, after: hits[0]!.key });
      expect(ids(page)).to.deep.equal([byHost.id]);
      expect(await find({ minHostRating: 3.5 })).to.deep.equal([byOther.id]);
    });
  });
};
