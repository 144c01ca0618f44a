import { expect } from 'chai';
import { backends } from '../contract/backends.js';
import { calendarItemOf } from '../../src/application/index.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

/** aDraft's screening: tomorrow 20:00 UTC, 90 minutes. */
/** aDraft's address, which only those who come read. */
const ADDRESS = 'Torstraße 1';
const END = at(DAY + 8 * HOUR + 90 * 60_000);

/** RULES §5 and the schedule of §6, through the use cases on every backend (the unit loop runs them on memory). */
for (const backend of backends()) {
  describe(`Ratings and the schedule, use cases on ${backend.name}`, function () {
    this.timeout(30_000);
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.service.close());

    const give = (announcementId: string, raterId: string, rateeId: string, score: number, comment?: string | null) =>
      core.uc.rateParticipant.give({ announcementId, raterId, rateeId, score, comment });
    /** A screening by the host with the guest and the friend accepted and the other user still pending. */
    const attended = async () => {
      const a = await core.announce({ approval: 'manual' });
      for (const guest of [USERS.guest, USERS.friend]) await core.accept((await core.book(a.id, guest)).id);
      await core.book(a.id, USERS.other);
      return a;
    };
    const finish = async () => {
      core.clock.set(new Date(END.getTime() + 60_000));
      expect((await core.service.watcher.execute()).done).to.equal(1);
    };
    const done = async () => {
      const a = await attended();
      await finish();
      return a;
    };

    it('lets each accepted guest rate the host and the host each accepted guest, once, and nobody else', async () => {
      const ended = await attended();
      expect(failure(await give(ended.id, USERS.guest, USERS.host, 5)).code, 'before the end').to.equal('RATING.NOT_YET');
      await finish();
      const byGuest = ok(await give(ended.id, USERS.guest, USERS.host, 5, 'Great host'));
      expect(byGuest).to.deep.include({ announcementId: ended.id, raterId: USERS.guest, rateeId: USERS.host, as: 'host', score: 5, comment: 'Great host' });
      expect(byGuest.changeableUntil).to.deep.equal(new Date(END.getTime() + 14 * DAY));
      expect(ok(await give(ended.id, USERS.host, USERS.guest, 3)).as).to.equal('guest');
      expect(failure(await give(ended.id, USERS.guest, USERS.host, 4)).code, 'twice').to.equal('RATING.ALREADY_RATED');
      expect(failure(await give(ended.id, USERS.other, USERS.host, 4)).code, 'pending, never accepted').to.equal('RATING.FORBIDDEN');
      expect(failure(await give(ended.id, USERS.stranger, USERS.host, 4)).code, 'a stranger').to.equal('RATING.FORBIDDEN');
      expect(failure(await give(ended.id, USERS.guest, USERS.friend, 4)).code, 'guests do not rate guests').to.equal('RATING.NOT_A_RATEE');
      expect(failure(await give(ended.id, USERS.host, USERS.other, 4)).code, 'only accepted guests').to.equal('RATING.NOT_A_RATEE');
      expect(failure(await give(ended.id, USERS.friend, USERS.host, 6)).code, 'out of range').to.equal('RATING.INVALID');
    });

    it('changes a rating within 14 days of the end, and counts each once on both sides of a user', async () => {
      const a = await done();
      ok(await give(a.id, USERS.guest, USERS.host, 5));
      ok(await give(a.id, USERS.friend, USERS.host, 2));
      ok(await give(a.id, USERS.host, USERS.guest, 4));
      core.clock.set(new Date(END.getTime() + 13 * DAY));
      const changed = ok(await core.uc.rateParticipant.change({ announcementId: a.id, raterId: USERS.friend, rateeId: USERS.host, score: 3, comment: 'Fine' }));
      expect(changed).to.deep.include({ score: 3, comment: 'Fine' });
      expect(failure(await core.uc.rateParticipant.change({ announcementId: a.id, raterId: USERS.guest, rateeId: USERS.friend, score: 3 })).code)
        .to.equal('RATING.NOT_FOUND');
      expect(failure(await core.uc.rateParticipant.change({ announcementId: a.id, raterId: USERS.stranger, rateeId: USERS.host, score: 3 })).code)
        .to.equal('RATING.FORBIDDEN');
      expect(ok(await core.uc.readRatings.ofUser(USERS.host))).to.deep.include({
        userId: USERS.host, asHost: { average: 4, count: 2, score: 3.29 }, asGuest: { average: null, count: 0, score: 3 },
      });
      expect(ok(await core.uc.readRatings.ofUser(USERS.guest)).asGuest).to.deep.equal({ average: 4, count: 1, score: 3.17 });
      // The score search sorts and filters by is the same number.
      const later = await core.announce({ startsAt: at(20 * DAY) });
      const found = ok(await core.uc.searchAnnouncements.execute(USERS.other, { status: 'open', sort: 'rating', minHostRating: 3.29, limit: 5 }));
      expect(found.items.map((i) => [i.id, i.host.rating.score])).to.deep.equal([[later.id, 3.29]]);
      core.clock.set(new Date(END.getTime() + 14 * DAY + 1));
      expect(failure(await core.uc.rateParticipant.change({ announcementId: a.id, raterId: USERS.guest, rateeId: USERS.host, score: 1 })).code)
        .to.equal('RATING.WINDOW_CLOSED');
    });

    it('completes what has ended, once, and asks for ratings only where someone came', async () => {
      const a = await attended();
      const empty = await core.announce({ startsAt: at(DAY + 2 * HOUR) }, USERS.friend);
      const ahead = await core.announce({ startsAt: at(3 * DAY) }, USERS.friend);
      core.clock.set(new Date(END.getTime() + 60_000));
      const report = await core.service.watcher.execute();
      expect(report).to.deep.equal({ done: 2, failed: [] });
      expect((await core.service.watcher.execute()).done, 'once').to.equal(0);
      const statusOf = async (id: string) => ok(await core.uc.getAnnouncement.execute(USERS.friend, id)).status;
      expect([await statusOf(a.id), await statusOf(empty.id), await statusOf(ahead.id)]).to.deep.equal(['done', 'done', 'open']);
      const asked = async (userId: string) => (await core.inbox(userId)).filter((n) => n.type === 'rating.requested').map((n) => n.announcementId);
      expect(await asked(USERS.host)).to.deep.equal([a.id]);
      expect(await asked(USERS.guest)).to.deep.equal([a.id]);
      expect(await asked(USERS.other), 'still pending').to.deep.equal([]);
      expect(await asked(USERS.friend), 'a guest of the first, host of one nobody came to').to.deep.equal([a.id]);
    });

    it('lists what a participant has left to rate, with the deadline, until it is rated', async () => {
      const a = await done();
      const pending = ok(await core.uc.readRatings.pending(USERS.host)).items;
      expect(pending.map((p) => [p.ratee.id, p.ratee.name, p.as])).to.deep.equal(
        [[USERS.guest, 'Gus Guest'], [USERS.friend, 'Fran Friend']].sort(([x], [y]) => x!.localeCompare(y!)).map(([id, name]) => [id, name, 'guest']));
      expect(pending[0]!.rateBy).to.deep.equal(new Date(END.getTime() + 14 * DAY));
      expect(pending[0]!.announcement).to.deep.include({ id: a.id, title: a.title });
      ok(await give(a.id, USERS.host, USERS.guest, 5));
      expect(ok(await core.uc.readRatings.pending(USERS.host)).items.map((p) => p.ratee.id)).to.deep.equal([USERS.friend]);
      expect(ok(await core.uc.readRatings.pending(USERS.other)).items, 'never accepted').to.deep.equal([]);
      core.clock.set(new Date(END.getTime() + 15 * DAY));
      expect(ok(await core.uc.readRatings.pending(USERS.host)).items, 'past the window').to.deep.equal([]);
    });

    it('shows a user’s latest comments with their authors, newest first, by page, and an empty record for someone new', async () => {
      const a = await done();
      ok(await give(a.id, USERS.guest, USERS.host, 5, 'Great host'));
      core.clock.advance(60_000);
      ok(await give(a.id, USERS.friend, USERS.host, 3, 'Fine'));
      const first = ok(await core.uc.readRatings.ofUser(USERS.host, { limit: 1 }));
      expect(first.reliability, 'nobody marked').to.deep.equal({ attended: 0, noShows: 0, lateCancellations: 0 });
      expect(first.reviews.items.map((r) => [r.score, r.comment, r.role, r.by])).to.deep.equal([[3, 'Fine', 'host', { id: USERS.friend, name: 'Fran Friend' }]]);
      const second = ok(await core.uc.readRatings.ofUser(USERS.host, { limit: 1, cursor: first.reviews.nextCursor! }));
      expect(second.reviews.items.map((r) => [r.comment, r.by.name])).to.deep.equal([['Great host', 'Gus Guest']]);
      expect(second.reviews.nextCursor).to.equal(null);
      expect(ok(await core.uc.readRatings.ofUser(USERS.host)).reviews.items, 'ten by default').to.have.length(2);
      for (const cursor of ['nope', Buffer.from('{"createdAt":"2026-01-01T00:00:00.000Z"}').toString('base64url')])
        expect(failure(await core.uc.readRatings.ofUser(USERS.host, { limit: 1, cursor })).code, cursor).to.equal('PAGE.INVALID_CURSOR');
      expect(ok(await core.uc.readRatings.ofUser(someone(2)))).to.deep.include({
        asHost: { average: null, count: 0, score: 3 }, reliability: { attended: 0, noShows: 0, lateCancellations: 0 }, reviews: { items: [], nextCursor: null },
      });
    });

    it('shows the address in the schedule to the host and an accepted guest, the area to one still asking', async () => {
      const a = await core.announce();
      await core.accept((await core.book(a.id, USERS.guest)).id);
      await core.book(a.id, USERS.friend);
      const placeFor = async (userId: string) => ok(await core.uc.readSchedule.page(userId, { limit: 5 })).items[0]?.announcement.place;
      for (const insider of [USERS.host, USERS.guest]) expect(await placeFor(insider), insider).to.have.property('address', ADDRESS);
      const asking = await placeFor(USERS.friend);
      expect(asking).to.not.have.property('address');
      expect(asking).to.include({ city: a.place.city });
      // A calendar keeps the last 90 days.
      core.clock.set(new Date(END.getTime() + 89 * DAY));
      expect((await core.uc.readSchedule.feed(USERS.guest)).map((i) => i.announcement.id)).to.deep.equal([a.id]);
      core.clock.set(new Date(END.getTime() + 91 * DAY));
      expect(await core.uc.readSchedule.feed(USERS.guest)).to.deep.equal([]);
    });

    it('makes one screening a calendar entry from the detail its viewer may see: host, guest with booking, or neither', async () => {
      const a = await core.announce();
      const asked = await core.book(a.id, USERS.guest, 2);
      const entryFor = async (viewer: string) => calendarItemOf(ok(await core.uc.getAnnouncement.execute(viewer, a.id)), viewer);
      const host = await entryFor(USERS.host);
      expect(host).to.deep.include({ role: 'host', booking: null });
      expect(host.announcement).to.deep.include({ id: a.id, title: a.title, hostId: USERS.host, durationMinutes: a.durationMinutes, status: 'open', version: a.version });
      expect(host.announcement.place).to.have.property('address', ADDRESS);
      expect(host.announcement.movie).to.deep.equal({ id: a.movie.id, title: a.movie.title });
      const guest = await entryFor(USERS.guest);
      expect(guest).to.deep.include({ role: 'guest', booking: { id: asked.id, status: 'pending', seats: 2, shortUrl: asked.shortUrl } });
      expect(guest.announcement.place).to.not.have.property('address');
      expect(await entryFor(USERS.stranger)).to.deep.include({ role: 'guest', booking: null });
    });

    it('keeps a schedule of what one hosts and attends, by start, in pages, within a window', async () => {
      const hosted = await core.announce({ startsAt: at(2 * DAY) }, USERS.guest);
      const attended = await core.announce({ startsAt: at(3 * DAY), approval: 'auto' });
      const asked = await core.announce({ startsAt: at(DAY) }, USERS.other);
      const left = await core.announce({ startsAt: at(4 * DAY) }, USERS.friend);
      await core.book(attended.id, USERS.guest, 2);
      await core.book(asked.id, USERS.guest);
      const gone = await core.book(left.id, USERS.guest);
      ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.guest, bookingId: gone.id, status: 'cancelled' }));
      const all = ok(await core.uc.readSchedule.page(USERS.guest, { limit: 10 }));
      expect(all.items.map((i) => [i.announcement.id, i.role, i.booking?.status ?? null, i.booking?.seats ?? null])).to.deep.equal([
        [asked.id, 'guest', 'pending', 1], [hosted.id, 'host', null, null], [attended.id, 'guest', 'accepted', 2],
      ]);
      const first = ok(await core.uc.readSchedule.page(USERS.guest, { limit: 2 }));
      const rest = ok(await core.uc.readSchedule.page(USERS.guest, { limit: 2, cursor: first.nextCursor! }));
      expect([...first.items, ...rest.items].map((i) => i.announcement.id)).to.deep.equal(all.items.map((i) => i.announcement.id));
      expect(rest.nextCursor).to.equal(null);
      const window = ok(await core.uc.readSchedule.page(USERS.guest, { from: at(DAY + 12 * HOUR), to: at(3 * DAY), limit: 10 }));
      expect(window.items.map((i) => i.announcement.id)).to.deep.equal([hosted.id]);
      expect(failure(await core.uc.readSchedule.page(USERS.guest, { limit: 2, cursor: 'bm9wZQ' })).code).to.equal('PAGE.INVALID_CURSOR');
      expect((await core.uc.readSchedule.feed(USERS.guest)).map((i) => i.announcement.id)).to.deep.equal(all.items.map((i) => i.announcement.id));
    });

    it('opens a feed by its secret alone, until a new secret replaces it', async () => {
      const a = await core.announce();
      const secret = await core.uc.readSchedule.rotateFeed(USERS.host);
      expect(ok(await core.uc.readSchedule.feedByToken(secret)).map((i) => i.announcement.id)).to.deep.equal([a.id]);
      const next = await core.uc.readSchedule.rotateFeed(USERS.host);
      expect(next).to.not.equal(secret);
      expect(failure(await core.uc.readSchedule.feedByToken(secret)).code).to.equal('CALENDAR_FEED.NOT_FOUND');
      expect(ok(await core.uc.readSchedule.feedByToken(next))).to.have.length(1);
      expect(failure(await core.uc.readSchedule.feedByToken(someone(1))).code).to.equal('CALENDAR_FEED.NOT_FOUND');
    });
  });
}
