import { expect } from 'chai';
import type { SearchQuery } from '../../src/application/index.js';
import { backends } from '../contract/backends.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { aDraft, at, DAY, HOUR, USERS } from '../support/fixtures.js';

for (const backend of backends()) {
  describe(`Announcement use cases on ${backend.name}`, () => {
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    describe('CreateAnnouncement', () => {
      it('answers the detail with host, film, a short link that resolves, and no guests', async () => {
        const a = await core.announce({ title: 'Matrix night' });
        expect(a).to.deep.include({ title: 'Matrix night', hostId: USERS.host, seatsLeft: 4, guests: [], myBooking: null });
        expect(a.host).to.deep.include({ id: USERS.host, name: 'Hanna Host' });
        expect(a.movie).to.deep.equal({ id: 'film-90', title: 'Ninety Minutes', durationMinutes: 90 });
        const code = a.shortUrl.split('/s/')[1]!;
        expect(await core.service.storage.links.targetOf(code)).to.deep.equal({ kind: 'announcement', id: a.id });
      });

      it('refuses an unknown film', async () => {
        const result = await core.uc.createAnnouncement.execute({ hostId: USERS.host, movieId: 'nope', draft: aDraft() });
        expect(failure(result)).to.deep.equal({ code: 'MOVIE.UNKNOWN', movieId: 'nope' });
      });

      it('refuses a second screening of the same host that overlaps the first (A2)', async () => {
        const first = await core.announce({ startsAt: at(DAY), durationMinutes: 120 });
        const clash = await core.uc.createAnnouncement.execute({
          hostId: USERS.host, movieId: 'film-90', draft: aDraft({ startsAt: at(DAY + HOUR) }),
        });
        expect(failure(clash)).to.deep.equal({ code: 'SCHEDULE.CONFLICT', announcementId: first.id, as: 'host' });
        await core.announce({ startsAt: at(DAY + 2 * HOUR) });
      });

      it('lets two hosts screen at the same time', async () => {
        await core.announce({ startsAt: at(DAY) });
        await core.announce({ startsAt: at(DAY) }, USERS.other);
      });

      it('refuses hosting a screening that overlaps one the host is booked for', async () => {
        const elsewhere = await core.announce({ startsAt: at(DAY) }, USERS.other);
        await core.book(elsewhere.id, USERS.host);
        const result = await core.uc.createAnnouncement.execute({ hostId: USERS.host, movieId: 'film-90', draft: aDraft({ startsAt: at(DAY) }) });
        expect(failure(result)).to.include({ code: 'SCHEDULE.CONFLICT', as: 'guest' });
      });
    });

    describe('GetAnnouncement', () => {
      it('shows accepted guests with their seats and the caller’s own booking', async () => {
        const a = await core.announce();
        const accepted = await core.book(a.id, USERS.guest, 2);
        await core.accept(accepted.id);
        await core.book(a.id, USERS.other);
        const asGuest = ok(await core.uc.getAnnouncement.execute(USERS.guest, a.id));
        expect(asGuest.guests).to.deep.equal([{ id: USERS.guest, name: 'Gus Guest', rating: { average: null, count: 0, score: 3 }, seats: 2 }]);
        expect(asGuest.myBooking).to.include({ id: accepted.id, status: 'accepted' });
        expect(asGuest).to.include({ seatsTaken: 2, seatsLeft: 2 });
        expect(ok(await core.uc.getAnnouncement.execute(USERS.other, a.id)).myBooking).to.include({ status: 'pending' });
      });

      it('hides a friends-only screening from everyone but the host, friends and people who booked (A5)', async () => {
        const a = await core.announce({ privacy: 'friends' });
        expect(failure(await core.uc.getAnnouncement.execute(USERS.stranger, a.id)).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
        ok(await core.uc.getAnnouncement.execute(USERS.host, a.id));
        ok(await core.uc.getAnnouncement.execute(USERS.friend, a.id));
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.stranger, announcementId: a.id })).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
      });

      it('keeps a friends-only screening for its participants and applicants, not for guests who were rejected or left (A5)', async () => {
        const a = await core.announce();
        const [accepted, pending, rejected, left] = await Promise.all([USERS.guest, USERS.other, USERS.stranger, someone(1)].map((g) => core.book(a.id, g)));
        await core.accept(accepted!.id);
        ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: rejected!.id, status: 'rejected' }));
        ok(await core.uc.changeBookingStatus.execute({ actorId: someone(1), bookingId: left!.id, status: 'cancelled' }));
        ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { privacy: 'friends' } }));
        const sees = async (user: string) => (await core.uc.getAnnouncement.execute(user, a.id)).isOk();
        expect(await Promise.all([USERS.guest, USERS.other, USERS.stranger, someone(1), USERS.friend].map(sees))).to.deep.equal([true, true, false, false, true]);
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.stranger, announcementId: a.id })).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
        expect(pending!.status).to.equal('pending');
      });

      it('keeps a cancelled friends-only screening visible to the guests whose bookings ended with it (A6)', async () => {
        const a = await core.announce();
        const b = await core.book(a.id, USERS.stranger);
        ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { privacy: 'friends' } }));
        ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }));
        // No friend of the host, no active booking any more: the guest still sees what happened to it.
        const detail = ok(await core.uc.getAnnouncement.execute(USERS.stranger, a.id));
        expect([detail.status, detail.myBooking?.id, detail.myBooking?.status]).to.deep.equal(['cancelled', b.id, 'cancelled']);
      });

      it('answers not found for an id that does not exist', async () => {
        expect(failure(await core.uc.getAnnouncement.execute(USERS.host, someone(99))).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
      });
    });

    describe('UpdateAnnouncement', () => {
      it('tells the host, participants and applicants, with the announcement link — not guests who left', async () => {
        const a = await core.announce();
        const accepted = await core.book(a.id, USERS.guest);
        await core.accept(accepted.id);
        await core.book(a.id, USERS.other);
        const left = await core.book(a.id, USERS.friend);
        ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.friend, bookingId: left.id, status: 'cancelled' }));

        const updated = ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(2 * DAY) } }));
        expect(updated.version).to.be.greaterThan(a.version);
        for (const user of [USERS.host, USERS.guest, USERS.other]) {
          const [latest] = await core.inbox(user);
          expect(latest, user).to.include({ type: 'announcement.updated', announcementId: a.id, link: a.shortUrl, recipientId: user });
          expect(latest!.body).to.match(/^Hanna Host changed the start time\. It starts /);
        }
        expect((await core.inbox(USERS.friend)).map((n) => n.type)).to.not.include('announcement.updated');
      });

      it('tells the guests when only the place changes', async () => {
        const a = await core.announce();
        await core.book(a.id, USERS.guest);
        ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { place: { city: 'Berlin', address: 'Kastanienallee 7' } } }));
        const [note] = await core.inbox(USERS.guest);
        expect(note).to.include({ type: 'announcement.updated', announcementId: a.id });
        expect(note!.body).to.contain('place');
      });

      it('notifies nobody when only host-side settings change', async () => {
        const a = await core.announce();
        await core.book(a.id, USERS.guest);
        ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: 10 } }));
        expect((await core.inbox(USERS.guest)).map((n) => n.type)).to.deep.equal([]);
      });

      it('refuses a non-host (A1) and hides friends-only screenings from strangers (A5)', async () => {
        const a = await core.announce();
        expect(failure(await core.uc.updateAnnouncement.execute({ actorId: USERS.guest, announcementId: a.id, changes: { title: 'x' } })).code)
          .to.equal('ANNOUNCEMENT.NOT_HOST');
        const hidden = await core.announce({ privacy: 'friends', startsAt: at(3 * DAY) });
        expect(failure(await core.uc.updateAnnouncement.execute({ actorId: USERS.stranger, announcementId: hidden.id, changes: { title: 'x' } })).code)
          .to.equal('ANNOUNCEMENT.NOT_FOUND');
      });

      it('refuses a move onto another of the host’s screenings (A2)', async () => {
        const a = await core.announce({ startsAt: at(DAY) });
        await core.announce({ startsAt: at(2 * DAY) });
        const moved = await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(2 * DAY + HOUR) } });
        expect(failure(moved).code).to.equal('SCHEDULE.CONFLICT');
      });

      it('refuses a move that would double-book a guest, and writes nothing', async () => {
        const a = await core.announce({ startsAt: at(DAY) });
        await core.book(a.id, USERS.guest);
        const elsewhere = await core.announce({ startsAt: at(2 * DAY) }, USERS.other);
        await core.book(elsewhere.id, USERS.guest);
        const moved = await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(2 * DAY) } });
        expect(failure(moved).code).to.equal('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT');
        const after = ok(await core.uc.getAnnouncement.execute(USERS.host, a.id));
        expect([after.version, after.startsAt]).to.deep.equal([a.version, at(DAY).toISOString()]);
        expect((await core.inbox(USERS.guest)).map((n) => n.type)).to.not.include('announcement.updated');
      });

      it('refuses a stale version', async () => {
        const a = await core.announce();
        const result = await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { title: 'x' }, expectedVersion: a.version + 1 });
        expect(failure(result)).to.deep.equal({ code: 'ANNOUNCEMENT.VERSION_MISMATCH', currentVersion: a.version });
      });
    });

    describe('CancelAnnouncement', () => {
      it('cancels the active bookings, tells everyone once, and keeps the history visible (A6)', async () => {
        const a = await core.announce({ privacy: 'friends' });
        const accepted = await core.book(a.id, USERS.friend);
        await core.accept(accepted.id);
        const cancelled = ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }));
        expect(cancelled.status).to.equal('cancelled');
        const booking = ok(await core.uc.getBooking.execute(USERS.friend, accepted.id));
        expect(booking.status).to.equal('cancelled');
        expect((await core.inbox(USERS.friend)).map((n) => n.type)).to.deep.equal(['announcement.cancelled', 'booking.status_changed']);
        expect((await core.inbox(USERS.host))[0]).to.include({ type: 'announcement.cancelled', link: a.shortUrl });
        expect(failure(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id })).code).to.equal('ANNOUNCEMENT.FINAL');
      });

      it('frees the time of host and guests', async () => {
        const a = await core.announce({ startsAt: at(DAY) });
        await core.book(a.id, USERS.guest);
        ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }));
        const again = await core.announce({ startsAt: at(DAY) });
        await core.book(again.id, USERS.guest);
      });
    });

    describe('SearchAnnouncements', () => {
      const search = (query: Partial<SearchQuery> = {}) =>
        core.uc.searchAnnouncements.execute(USERS.guest, { status: 'open', sort: 'startsAt', limit: 20, ...query });

      it('finds upcoming screenings by default: one that started is left out until asked for', async () => {
        const soon = await core.announce({ startsAt: at(HOUR) });
        const later = await core.announce({ startsAt: at(DAY) });
        core.clock.set(at(2 * HOUR));
        expect(ok(await search()).items.map((i) => i.id)).to.deep.equal([later.id]);
        expect(ok(await search({ from: at(0) })).items.map((i) => i.id)).to.deep.equal([soon.id, later.id]);
      });

      it('gives no next cursor when the last page is exactly full, and one when more remain', async () => {
        await core.announce({ startsAt: at(DAY) });
        await core.announce({ startsAt: at(2 * DAY) });
        expect(ok(await search({ limit: 2 })).nextCursor).to.equal(null);
        const first = ok(await search({ limit: 1 }));
        expect(first.nextCursor).to.be.a('string');
        const second = ok(await search({ limit: 1, cursor: first.nextCursor! }));
        expect([second.items.length, second.nextCursor]).to.deep.equal([1, null]);
      });

      it('refuses a cursor given out for another sort', async () => {
        await core.announce({ startsAt: at(DAY) });
        await core.announce({ startsAt: at(2 * DAY) });
        const byTime = ok(await search({ limit: 1 })).nextCursor!;
        expect(failure(await search({ sort: 'rating', cursor: byTime })).code).to.equal('PAGE.INVALID_CURSOR');
        const byRating = ok(await search({ sort: 'rating', limit: 1 })).nextCursor!;
        expect(failure(await search({ cursor: byRating })).code).to.equal('PAGE.INVALID_CURSOR');
        expect(ok(await search({ sort: 'rating', cursor: byRating })).items).to.have.length(1);
      });
    });

    describe('CompleteEndedAnnouncements (A7)', () => {
      it('marks ended screenings done, once, and leaves the rest', async () => {
        const soon = await core.announce({ startsAt: at(HOUR), durationMinutes: 60 });
        const later = await core.announce({ startsAt: at(DAY) });
        core.clock.set(at(2 * HOUR));
        expect(await core.service.watcher.execute()).to.deep.equal({ done: 1, failed: [] });
        expect(await core.service.watcher.execute()).to.deep.equal({ done: 0, failed: [] });
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, soon.id)).status).to.equal('done');
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, later.id)).status).to.equal('open');
      });
    });
  });
}
