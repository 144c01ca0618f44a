import { expect } from 'chai';
import { backends } from '../contract/backends.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

const ROUNDS = 8;

/** Races through the real use cases and pool; the database decides who wins. */
for (const backend of backends().filter((b) => b.name !== 'memory')) {
  describe(`Races on ${backend.name}`, function () {
    this.timeout(120_000);
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    /** What the bookings themselves say, next to what the screening counts. */
    const seatsOf = async (announcementId: string) => {
      const detail = ok(await core.uc.getAnnouncement.execute(USERS.host, announcementId));
      const accepted = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, announcementId, 'accepted'));
      return { capacity: detail.capacity, counted: detail.seatsTaken, accepted: accepted.reduce((sum, b) => sum + b.seats, 0) };
    };

    it(`accepts exactly 20 of 200 concurrent auto bookings for 20 seats, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const a = await core.announce({ approval: 'auto', capacity: 20, startsAt: at((round + 1) * DAY) });
        const results = await Promise.all(Array.from({ length: 200 }, (_, i) =>
          core.uc.createBooking.execute({ guestId: someone(round * 1000 + i), announcementId: a.id, waitlist: false })));
        expect(results.filter((r) => r.isOk()), `round ${round}`).to.have.length(20);
        expect(new Set(results.filter((r) => r.isErr()).map((r) => failure(r).code))).to.deep.equal(new Set(['BOOKING.NO_SEATS_LEFT']));
        expect(await seatsOf(a.id)).to.deep.equal({ capacity: 20, counted: 20, accepted: 20 });
      }
    });

    it('never over-accepts when the host accepts 60 pending parties of 1–3 at once for 20 seats', async () => {
      const a = await core.announce({ capacity: 20 });
      const pending = await Promise.all(Array.from({ length: 60 }, (_, i) => core.book(a.id, someone(i), 1 + (i % 3))));
      const results = await Promise.all(pending.map((b) => core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: b.id, status: 'accepted' })));
      const seats = await seatsOf(a.id);
      expect(seats.accepted).to.equal(seats.counted).and.to.be.within(18, 20);
      expect(results.filter((r) => r.isOk()).reduce((sum, r) => sum + ok(r).seats, 0)).to.equal(seats.accepted);
    });

    it(`lets a guest win at most one of two overlapping screenings booked at once, ${ROUNDS * 2} rounds`, async () => {
      for (let round = 0; round < ROUNDS * 2; round += 1) {
        const start = at((round + 1) * DAY);
        const [x, y] = await Promise.all([
          core.announce({ startsAt: start }, USERS.host),
          core.announce({ startsAt: new Date(start.getTime() + HOUR) }, USERS.other),
        ]);
        const guest = someone(50_000 + round);
        const results = await Promise.all([x, y].map((s) => core.uc.createBooking.execute({ guestId: guest, announcementId: s.id })));
        expect(results.filter((r) => r.isOk()), `round ${round}`).to.have.length(1);
        expect(failure(results.find((r) => r.isErr())!).code).to.equal('SCHEDULE.CONFLICT');
      }
    });

    it(`lets a user win at most one of booking and hosting at the same time, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const start = at((round + 1) * DAY);
        const theirs = await core.announce({ startsAt: start }, USERS.other);
        const user = someone(60_000 + round);
        const [booked, hosted] = await Promise.all([
          core.uc.createBooking.execute({ guestId: user, announcementId: theirs.id }),
          core.uc.createAnnouncement.execute({ hostId: user, movieId: 'film-90', draft: { title: 'Mine', startsAt: start, place: { city: 'Rome', address: 'Via 1' }, capacity: 2 } }),
        ]);
        expect([booked.isOk(), hosted.isOk()].filter(Boolean), `round ${round}`).to.have.length(1);
      }
    });

    it(`never leaves more seats taken than capacity when acceptances race a capacity cut, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const a = await core.announce({ capacity: 10, startsAt: at((round + 1) * DAY) });
        const pending = await Promise.all(Array.from({ length: 10 }, (_, i) => core.book(a.id, someone(70_000 + round * 100 + i))));
        const [cut] = await Promise.all([
          core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: 5 } }),
          ...pending.map((b) => core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: b.id, status: 'accepted' })),
        ]);
        const seats = await seatsOf(a.id);
        expect(seats.counted, `round ${round}`).to.equal(seats.accepted).and.to.be.at.most(seats.capacity);
        expect(seats.capacity).to.equal(cut.isOk() ? 5 : 10);
        if (cut.isErr()) expect(failure(cut).code).to.equal('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN');
      }
    });

    it('keeps a booking and a cancellation of the same screening from both winning', async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const a = await core.announce({ approval: 'auto', startsAt: at((round + 1) * DAY) });
        const [booked] = await Promise.all([
          core.uc.createBooking.execute({ guestId: someone(80_000 + round), announcementId: a.id }),
          core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }),
        ]);
        const bookings = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id));
        if (booked.isOk()) expect(bookings.map((b) => b.status)).to.deep.equal(['cancelled']);
        else expect([failure(booked).code, bookings.length]).to.deep.equal(['BOOKING.NOT_OPEN', 0]);
      }
    });

    it(`keeps seats exact and tells each promoted guest once, when 50 requests and cancels race over a waitlist, ${ROUNDS / 2} rounds`, async () => {
      let promotions = 0;
      for (let round = 0; round < ROUNDS / 2; round += 1) {
        const a = await core.announce({ approval: 'auto', capacity: 10, startsAt: at((round + 1) * DAY) });
        const guest = (i: number) => someone(200_000 + round * 1000 + i);
        // Ten seated, twenty waiting (parties of one and two), made one after another.
        const made: Array<{ id: string; guestId: string; status: string }> = [];
        for (let i = 0; i < 30; i += 1) made.push({ ...(await core.book(a.id, guest(i), i < 10 ? 1 : 1 + (i % 2))), guestId: guest(i) });
        expect(made.filter((b) => b.status === 'waitlisted')).to.have.length(20);
        // At once: eight seated guests leave, ten waiting ones give up, thirty-two newcomers ask.
        const leaving = [...made.slice(0, 8), ...made.slice(10, 30).filter((_, i) => i % 2 === 0)];
        const results = await Promise.all([
          ...leaving.map((b) => core.uc.changeBookingStatus.execute({ actorId: b.guestId, bookingId: b.id, status: 'cancelled' })),
          ...Array.from({ length: 32 }, (_, i) => core.uc.createBooking.execute({ guestId: guest(100 + i), announcementId: a.id, seats: 1 + (i % 2) })),
        ]);
        for (const r of results) if (r.isErr()) expect(failure(r).code, `round ${round}`).to.equal('BOOKING.ILLEGAL_TRANSITION');
        const fresh = results.slice(leaving.length).filter((r) => r.isOk()).map((r) => ok(r));

        const seats = await seatsOf(a.id);
        expect(seats.counted, `round ${round}`).to.equal(seats.accepted).and.to.be.at.most(10);
        const all = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id));
        const waiting = all.filter((b) => b.status === 'waitlisted');
        expect(waiting.filter((b) => b.seats <= 10 - seats.counted), 'a party that fits is left waiting').to.deep.equal([]);
        expect(waiting.map((b) => b.waitlistPosition).sort((x, y) => x! - y!)).to.deep.equal(waiting.map((_, i) => i + 1));
        // Everyone who waited and now sits was told exactly once; nobody seated at once was told of a change.
        const waited = new Set([...made, ...fresh].filter((b) => b.status === 'waitlisted').map((b) => b.id));
        // Nobody jumped the line: a newcomer seated at once is smaller than every party that asked before it and still waits.
        const seatedAtOnce = fresh.filter((b) => b.status === 'accepted');
        for (const w of waiting)
          for (const n of seatedAtOnce.filter((x) => x.createdAt > w.createdAt))
            expect(n.seats, `round ${round}: ${n.id} passed ${w.id}`).to.be.below(w.seats);
        promotions += all.filter((b) => b.status === 'accepted' && waited.has(b.id)).length;
        for (const b of all.filter((x) => x.status === 'accepted')) {
          const told = (await core.inbox(b.guestId)).filter((n) => n.type === 'booking.status_changed' && n.bookingId === b.id);
          expect(told, `round ${round}, booking ${b.id}`).to.have.length(waited.has(b.id) ? 1 : 0);
        }
      }
      expect(promotions, 'seats freed went to those waiting').to.be.above(0);
    });

    it(`leaves nothing accepted that a block should revoke, when the block races the acceptance and a new request, ${ROUNDS} rounds`, async () => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const guest = someone(90_000 + round);
        const [first, second] = [
          await core.announce({ capacity: 4, startsAt: at((round + 1) * DAY) }),
          await core.announce({ capacity: 4, approval: 'auto', startsAt: at((round + 1) * DAY + 3 * 3600_000) }),
        ];
        const pending = await core.book(first.id, guest, 2);
        const [accepted, blocked, asked] = await Promise.all([
          core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: pending.id, status: 'accepted' }),
          core.uc.blockUser.execute(USERS.host, guest),
          core.uc.createBooking.execute({ guestId: guest, announcementId: second.id, seats: 1 }),
        ]);
        expect(blocked.isOk(), `round ${round}`).to.equal(true);
        // Whichever came first, the block ends what the guest had: nothing of theirs stays active.
        const theirs = [
          ...ok(await core.uc.listAnnouncementBookings.execute(USERS.host, first.id)),
          ...ok(await core.uc.listAnnouncementBookings.execute(USERS.host, second.id)),
        ].filter((b) => b.guestId === guest);
        expect(theirs.map((b) => b.status).filter((s) => s === 'pending' || s === 'accepted' || s === 'waitlisted'), `round ${round}`).to.deep.equal([]);
        if (accepted.isErr()) expect(failure(accepted).code).to.equal('BOOKING.ILLEGAL_TRANSITION');
        if (asked.isErr()) expect(failure(asked).code).to.equal('ANNOUNCEMENT.NOT_FOUND');
        for (const a of [first, second]) {
          const seats = await seatsOf(a.id);
          expect(seats, `round ${round}`).to.deep.equal({ capacity: 4, counted: 0, accepted: 0 });
        }
      }
    });
  });
}
