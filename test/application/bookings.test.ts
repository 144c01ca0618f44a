import { expect } from 'chai';
import sinon from 'sinon';
import { EmbeddedLinkShortener } from '../../src/adapters/links/embedded-link-shortener.js';
import { backends } from '../contract/backends.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { aDraft, at, DAY, HOUR, USERS } from '../support/fixtures.js';

for (const backend of backends()) {
  describe(`Booking use cases on ${backend.name}`, () => {
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    describe('CreateBooking', () => {
      it('stores a pending request and tells the host, linking to the booking', async () => {
        const a = await core.announce();
        const b = await core.book(a.id, USERS.guest, 2);
        expect(b).to.include({ status: 'pending', seats: 2, guestId: USERS.guest, hostId: USERS.host });
        expect(b.announcement).to.include({ id: a.id, title: a.title });
        const [n] = await core.inbox(USERS.host);
        expect(n).to.include({ type: 'booking.created', recipientId: USERS.host, bookingId: b.id, announcementId: a.id, link: b.shortUrl });
        expect(n!.body).to.equal('Gus Guest asked for 2 seats. Waiting for your decision.');
        expect(await core.inbox(USERS.guest)).to.deep.equal([]);
        const code = b.shortUrl.split('/s/')[1]!;
        expect(await core.service.storage.links.targetOf(code)).to.deep.equal({ kind: 'booking', id: b.id });
      });

      it('refuses the host (B1), a second active request (B4) and an overlapping one (B3)', async () => {
        const a = await core.announce({ startsAt: at(DAY) });
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.host, announcementId: a.id })).code).to.equal('BOOKING.OWN_ANNOUNCEMENT');
        await core.book(a.id, USERS.guest);
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id })).code).to.equal('BOOKING.ALREADY_BOOKED');
        const overlapping = await core.announce({ startsAt: at(DAY + HOUR) }, USERS.other);
        expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: overlapping.id })))
          .to.deep.equal({ code: 'SCHEDULE.CONFLICT', announcementId: a.id, as: 'guest' });
      });

      it('leaves no short link behind when a request is refused', async () => {
        const made = sinon.spy(EmbeddedLinkShortener.prototype, 'next');
        try {
          const a = await core.announce({ approval: 'auto', capacity: 1 });
          const refused = await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id, seats: 2, waitlist: false });
          expect(failure(refused).code).to.equal('BOOKING.NO_SEATS_LEFT');
          const past = await core.uc.createAnnouncement.execute({ hostId: USERS.other, movieId: 'film-90', draft: aDraft({ startsAt: at(-HOUR) }) });
          expect(failure(past).code).to.equal('ANNOUNCEMENT.STARTS_IN_PAST');
          const links = await Promise.all(made.returnValues);
          expect(links).to.have.length(3);
          expect(await core.service.storage.links.targetOf(links[0]!.code)).to.deep.equal({ kind: 'announcement', id: a.id });
          for (const orphan of links.slice(1)) expect(await core.service.storage.links.targetOf(orphan.code)).to.equal(null);
        } finally {
          made.restore();
        }
      });

      it('lets a guest ask again after cancelling', async () => {
        const a = await core.announce();
        const first = await core.book(a.id, USERS.guest);
        ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.guest, bookingId: first.id, status: 'cancelled' }));
        expect((await core.book(a.id, USERS.guest)).status).to.equal('pending');
      });

      it('accepts at once with auto approval, and refuses without storing anything when full and the guest will not wait (B8)', async () => {
        const a = await core.announce({ approval: 'auto', capacity: 2 });
        expect((await core.book(a.id, USERS.guest, 2)).status).to.equal('accepted');
        const refused = await core.uc.createBooking.execute({ guestId: USERS.other, announcementId: a.id, waitlist: false });
        expect(failure(refused)).to.deep.equal({ code: 'BOOKING.NO_SEATS_LEFT', seatsLeft: 0 });
        expect(ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id)).map((b) => b.guestId)).to.deep.equal([USERS.guest]);
        expect((await core.inbox(USERS.host)).map((n) => n.type)).to.deep.equal(['booking.created']);
      });

      it('accepts exactly the seats there are when ten auto bookings race for three (B2)', async () => {
        const a = await core.announce({ approval: 'auto', capacity: 3 });
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
          core.uc.createBooking.execute({ guestId: someone(i), announcementId: a.id, waitlist: false })));
        expect(results.filter((r) => r.isOk())).to.have.length(3);
        expect(results.filter((r) => r.isErr()).map((r) => failure(r).code)).to.deep.equal(Array(7).fill('BOOKING.NO_SEATS_LEFT'));
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id))).to.include({ seatsTaken: 3, seatsLeft: 0 });
      });

      it('puts the rest in line, in the order they asked, when ten auto bookings race for three (W1)', async () => {
        const a = await core.announce({ approval: 'auto', capacity: 3 });
        const results = (await Promise.all(Array.from({ length: 10 }, (_, i) =>
          core.uc.createBooking.execute({ guestId: someone(i), announcementId: a.id })))).map(ok);
        expect(results.filter((b) => b.status === 'accepted')).to.have.length(3);
        const waiting = results.filter((b) => b.status === 'waitlisted');
        expect(waiting.map((b) => b.waitlistPosition).sort((x, y) => x! - y!)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id))).to.include({ seatsTaken: 3, seatsLeft: 0 });
      });
    });

    describe('ListMyBookings and ReadInbox', () => {
      it('page by cursor, with no next cursor when the last page is exactly full', async () => {
        const a = await core.announce();
        await core.book(a.id, USERS.guest);
        await core.book((await core.announce({ startsAt: at(3 * DAY) }, USERS.other)).id, USERS.guest);
        const all = ok(await core.uc.listMyBookings.execute(USERS.guest, { limit: 2 }));
        expect([all.items.length, all.nextCursor]).to.deep.equal([2, null]);
        const first = ok(await core.uc.listMyBookings.execute(USERS.guest, { limit: 1 }));
        const rest = ok(await core.uc.listMyBookings.execute(USERS.guest, { limit: 1, cursor: first.nextCursor! }));
        expect([rest.items.length, rest.nextCursor, rest.items[0]!.id === first.items[0]!.id]).to.deep.equal([1, null, false]);
        const inbox = ok(await core.uc.readInbox.execute(USERS.host, 1));
        expect(inbox.nextCursor).to.equal(null);
      });

      it('counts a person’s unread notifications, and marks all read up to the newest, not what comes after', async () => {
        await core.uc.readInbox.markAllRead(USERS.host);
        expect(ok(await core.uc.readInbox.execute(USERS.host, 10))).to.deep.include({ items: [], unreadCount: 0 });
        const a = await core.announce();
        await core.book(a.id, USERS.guest);
        await core.book(a.id, USERS.friend);
        const before = ok(await core.uc.readInbox.execute(USERS.host, 10));
        expect([before.unreadCount, before.items.map((n) => n.read)]).to.deep.equal([2, [false, false]]);
        await core.uc.readInbox.markAllRead(USERS.host);
        const after = ok(await core.uc.readInbox.execute(USERS.host, 10));
        expect([after.unreadCount, after.items.map((n) => n.read)]).to.deep.equal([0, [true, true]]);
        core.clock.advance(1000);
        await core.book(a.id, USERS.other);
        const later = ok(await core.uc.readInbox.execute(USERS.host, 10));
        expect([later.unreadCount, later.items.map((n) => n.read)]).to.deep.equal([1, [false, true, true]]);
      });
    });

    describe('ChangeBookingStatus', () => {
      it('refuses a guest’s cancellation once the screening is done, and changes nothing', async () => {
        const a = await core.announce({ startsAt: at(HOUR), durationMinutes: 60 });
        const b = await core.book(a.id, USERS.guest);
        await core.accept(b.id);
        core.clock.set(at(3 * HOUR));
        expect(await core.service.watcher.execute()).to.deep.equal({ done: 1, failed: [] });
        expect(failure(await core.uc.changeBookingStatus.execute({ actorId: USERS.guest, bookingId: b.id, status: 'cancelled' })))
          .to.deep.equal({ code: 'ANNOUNCEMENT.FINAL', status: 'done' });
        expect(ok(await core.uc.getBooking.execute(USERS.guest, b.id)).status).to.equal('accepted');
      });

      it('tells host and guest when the host decides, linking to the booking', async () => {
        const a = await core.announce();
        const b = await core.book(a.id, USERS.guest);
        const accepted = await core.accept(b.id);
        expect(accepted).to.include({ status: 'accepted' });
        expect(accepted.decidedAt).to.equal(core.clock.now().toISOString());
        for (const user of [USERS.host, USERS.guest]) {
          const [n] = await core.inbox(user);
          expect(n).to.include({ type: 'booking.status_changed', bookingId: b.id, link: b.shortUrl, recipientId: user });
          expect(n!.body).to.equal('The request of Gus Guest for 1 seat is now accepted. The address: Torstraße 1, Berlin.');
          expect(n!.title).to.equal(`Booking accepted: “${a.title}”`);
        }
      });

      it('accepts exactly three of ten pending requests racing for three seats (B2)', async () => {
        const a = await core.announce({ capacity: 3 });
        const requests = await Promise.all(Array.from({ length: 10 }, (_, i) => core.book(a.id, someone(i))));
        const results = await Promise.all(requests.map((b) =>
          core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: b.id, status: 'accepted' })));
        expect(results.filter((r) => r.isOk())).to.have.length(3);
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).guests).to.have.length(3);
      });

      it('lets only the right person do each part (B6, B7)', async () => {
        const a = await core.announce();
        const b = await core.book(a.id, USERS.guest);
        const as = (actorId: string, status: 'accepted' | 'rejected' | 'cancelled') =>
          core.uc.changeBookingStatus.execute({ actorId, bookingId: b.id, status });
        expect(failure(await as(USERS.guest, 'accepted')).code).to.equal('BOOKING.FORBIDDEN');
        expect(failure(await as(USERS.host, 'cancelled')).code).to.equal('BOOKING.FORBIDDEN');
        expect(failure(await as(USERS.stranger, 'rejected')).code).to.equal('BOOKING.FORBIDDEN');
        ok(await as(USERS.host, 'rejected'));
        expect(failure(await as(USERS.guest, 'cancelled')).code).to.equal('BOOKING.ILLEGAL_TRANSITION');
      });

      it('frees the seats when the guest cancels an accepted booking', async () => {
        const a = await core.announce({ capacity: 2 });
        const b = await core.book(a.id, USERS.guest, 2);
        await core.accept(b.id);
        ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.guest, bookingId: b.id, status: 'cancelled' }));
        expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).seatsLeft).to.equal(2);
      });

      it('answers not found for an unknown booking', async () => {
        expect(failure(await core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: someone(1), status: 'accepted' })).code)
          .to.equal('BOOKING.NOT_FOUND');
      });
    });

    describe('reading bookings', () => {
      it('shows a booking only to its guest and host (B7)', async () => {
        const a = await core.announce();
        const b = await core.book(a.id, USERS.guest);
        ok(await core.uc.getBooking.execute(USERS.guest, b.id));
        ok(await core.uc.getBooking.execute(USERS.host, b.id));
        expect(failure(await core.uc.getBooking.execute(USERS.stranger, b.id)).code).to.equal('BOOKING.FORBIDDEN');
      });

      it('lists a screening’s bookings for its host only, with guest names, filtered by status', async () => {
        const a = await core.announce();
        const first = await core.book(a.id, USERS.guest);
        await core.book(a.id, USERS.other);
        await core.accept(first.id);
        const accepted = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id, 'accepted'));
        expect(accepted.map((b) => [b.guest.name, b.status])).to.deep.equal([['Gus Guest', 'accepted']]);
        expect(ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id))).to.have.length(2);
        expect(failure(await core.uc.listAnnouncementBookings.execute(USERS.guest, a.id)).code).to.equal('ANNOUNCEMENT.NOT_HOST');
      });

      it('lists my bookings as guest or host, newest first, page by page', async () => {
        const mine = await core.announce({ startsAt: at(DAY) });
        await core.book(mine.id, USERS.guest);
        for (let i = 0; i < 3; i += 1) {
          const theirs = await core.announce({ startsAt: at((2 + i) * DAY) }, USERS.other);
          await core.book(theirs.id, USERS.host);
          core.clock.advance(1000);
        }
        const asGuest = ok(await core.uc.listMyBookings.execute(USERS.host, { role: 'guest', limit: 2 }));
        expect(asGuest.items).to.have.length(2);
        expect(Date.parse(asGuest.items[0]!.createdAt)).to.be.greaterThan(Date.parse(asGuest.items[1]!.createdAt));
        const rest = ok(await core.uc.listMyBookings.execute(USERS.host, { role: 'guest', limit: 2, cursor: asGuest.nextCursor! }));
        expect(rest.items).to.have.length(1);
        expect(rest.nextCursor).to.equal(null);
        expect(ok(await core.uc.listMyBookings.execute(USERS.host, { role: 'host', limit: 10 })).items.map((b) => b.guestId)).to.deep.equal([USERS.guest]);
        expect(ok(await core.uc.listMyBookings.execute(USERS.host, { limit: 10 })).items).to.have.length(4);
        expect(failure(await core.uc.listMyBookings.execute(USERS.host, { limit: 10, cursor: 'garbage' })).code).to.equal('PAGE.INVALID_CURSOR');
      });
    });

    describe('ReadInbox', () => {
      it('pages through notifications newest first', async () => {
        const a = await core.announce();
        for (const [i, guest] of [USERS.guest, USERS.other, USERS.friend].entries()) {
          core.clock.set(at(i * 1000));
          await core.book(a.id, guest);
        }
        const first = ok(await core.uc.readInbox.execute(USERS.host, 2));
        const second = ok(await core.uc.readInbox.execute(USERS.host, 2, first.nextCursor!));
        expect([...first.items, ...second.items].map((n) => n.body.split(' ')[0])).to.deep.equal(['Fran', 'Otto', 'Gus']);
        expect(second.nextCursor).to.equal(null);
      });
    });
  });
}
