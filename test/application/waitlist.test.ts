import { expect } from 'chai';
import fc from 'fast-check';
import { resolve, TOKENS } from '../../src/container.js';
import { backends, memory } from '../contract/backends.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

/** RULES §3 W1–W3 through the use cases: who waits, who is let in when seats free up, and when the line ends. */
for (const backend of backends()) {
  describe(`The waitlist, use cases on ${backend.name}`, function () {
    this.timeout(30_000);
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    const statusOf = async (bookingId: string) => ok(await core.uc.getBooking.execute(USERS.host, bookingId));
    const leave = async (bookingId: string, guestId: string) =>
      ok(await core.uc.changeBookingStatus.execute({ actorId: guestId, bookingId, status: 'cancelled' }));
    const told = async (userId: string, type: string) => (await core.inbox(userId)).filter((n) => n.type === type);

    it('lets the party of two in when a guest leaves, and the party of one when a seat is added (the issue’s walk-through)', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 3 });
      const two = await core.book(a.id, USERS.guest, 2);
      const one = await core.book(a.id, USERS.friend, 1);
      expect([two.status, one.status]).to.deep.equal(['accepted', 'accepted']);
      const waitingTwo = await core.book(a.id, USERS.other, 2);
      const waitingOne = await core.book(a.id, USERS.stranger, 1);
      expect([waitingTwo, waitingOne].map((b) => [b.status, b.waitlistPosition])).to.deep.equal([['waitlisted', 1], ['waitlisted', 2]]);
      expect((await told(USERS.other, 'booking.waitlisted')).map((n) => n.bookingId)).to.deep.equal([waitingTwo.id]);
      const [second] = await told(USERS.stranger, 'booking.waitlisted');
      expect(second!.title).to.equal(`On the waitlist for “${a.title}”`);
      expect(second!.body).to.match(/^All seats are taken for now\. You are number 2 on the waitlist for 1 seat; when seats free up, you are accepted in turn and told at once\. /);
      expect((await told(USERS.host, 'booking.created')).find((n) => n.bookingId === waitingTwo.id)!.body)
        .to.match(/ asked for 2 seats\. The screening is full: it waits on the list, and is accepted if seats free up\.$/);
      expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).seatsTaken).to.equal(3);

      await leave(two.id, USERS.guest);
      expect((await statusOf(waitingTwo.id)).status).to.equal('accepted');
      const promotion = await told(USERS.other, 'booking.status_changed');
      expect(promotion.map((n) => n.bookingId)).to.deep.equal([waitingTwo.id]);
      expect(promotion[0]!.title).to.equal(`Booking accepted: “${a.title}”`);
      expect(promotion[0]!.body).to.match(/^Seats freed up: the waitlisted request for 2 seats is now accepted\. The address: /);
      expect(await statusOf(waitingOne.id)).to.include({ status: 'waitlisted', waitlistPosition: 1 });

      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: 4 } }));
      expect(await statusOf(waitingOne.id)).to.include({ status: 'accepted', waitlistPosition: null });
      expect((await told(USERS.stranger, 'booking.status_changed')).map((n) => n.bookingId)).to.deep.equal([waitingOne.id]);
      expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).seatsTaken).to.equal(4);
    });

    it('lets a smaller party behind pass a larger one that does not fit, and keeps the larger one first in line', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 2 });
      const first = await core.book(a.id, USERS.guest, 1);
      await core.book(a.id, USERS.friend, 1);
      const big = await core.book(a.id, USERS.other, 2);
      const small = await core.book(a.id, USERS.stranger, 1);
      await leave(first.id, USERS.guest);
      expect((await statusOf(small.id)).status).to.equal('accepted');
      expect(await statusOf(big.id)).to.include({ status: 'waitlisted', waitlistPosition: 1 });
    });

    it('refuses a party larger than the whole room, and one that asked not to wait, keeping nothing', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 2 });
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id, seats: 3 })).code).to.equal('BOOKING.NO_SEATS_LEFT');
      await core.book(a.id, USERS.friend, 2);
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id, waitlist: false })).code).to.equal('BOOKING.NO_SEATS_LEFT');
      expect(ok(await core.uc.listMyBookings.execute(USERS.guest, { limit: 10 })).items).to.have.length(0);
    });

    it('promotes when the host revokes a guest or blocks one, in the same change', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 1 });
      const seated = await core.book(a.id, USERS.guest);
      const next = await core.book(a.id, USERS.friend);
      const last = await core.book(a.id, USERS.stranger);
      ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: seated.id, status: 'rejected' }));
      expect((await statusOf(next.id)).status).to.equal('accepted');
      ok(await core.uc.blockUser.execute(USERS.host, USERS.friend));
      expect((await statusOf(last.id)).status).to.equal('accepted');
      expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).seatsTaken).to.equal(1);
    });

    it('tells the host of a manual screening that seats freed up while requests wait, and promotes nobody', async () => {
      const a = await core.announce({ capacity: 2 });
      const seated = await core.book(a.id, USERS.guest);
      await core.accept(seated.id);
      const asking = await core.book(a.id, USERS.friend);
      await leave(seated.id, USERS.guest);
      expect((await statusOf(asking.id)).status).to.equal('pending');
      const freed = await told(USERS.host, 'announcement.seats_freed');
      expect(freed).to.have.length(1);
      expect(freed[0]!.body).to.equal('1 seat is free again, and 1 request waits for your decision.');
    });

    it('counts both the requests and the waiting parties when seats free up on a screening turned manual', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 2 });
      const seated = await core.book(a.id, USERS.guest, 2);
      await core.book(a.id, USERS.friend);
      await core.book(a.id, USERS.other);
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { approval: 'manual' } }));
      await core.book(a.id, USERS.stranger);
      await leave(seated.id, USERS.guest);
      const freed = await told(USERS.host, 'announcement.seats_freed');
      expect(freed.map((n) => n.body)).to.deep.equal(['2 seats are free again, and 3 requests wait for your decision.']);
    });

    it('tells each of several guests let in at once about their own booking only', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 2 });
      const seated = await core.book(a.id, USERS.guest, 2);
      const [first, second] = [await core.book(a.id, USERS.friend), await core.book(a.id, USERS.other)];
      await leave(seated.id, USERS.guest);
      for (const [guest, booking] of [[USERS.friend, first], [USERS.other, second]] as const)
        expect((await told(guest, 'booking.status_changed')).map((n) => n.bookingId)).to.deep.equal([booking.id]);
    });

    it('lets in as many as now fit when the host adds seats, in order', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 2 });
      await core.book(a.id, USERS.guest, 2);
      const one = await core.book(a.id, USERS.friend);
      const two = await core.book(a.id, USERS.other, 2);
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: 3 } }));
      expect([(await statusOf(one.id)).status, (await statusOf(two.id)).waitlistPosition]).to.deep.equal(['accepted', 1]);
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: 5 } }));
      expect((await statusOf(two.id)).status).to.equal('accepted');
      expect(ok(await core.uc.getAnnouncement.execute(USERS.other, a.id)).myBooking).to.include({ status: 'accepted', waitlistPosition: null });
    });

    it('expires the line once the screening starts (the worker’s job) and when it is cancelled, and tells each guest', async () => {
      const soon = await core.announce({ approval: 'auto', capacity: 1, startsAt: at(2 * HOUR) });
      await core.book(soon.id, USERS.guest);
      const late = await core.book(soon.id, USERS.friend);
      const expire = resolve(core.service.container, TOKENS.expireWaitlists);
      expect((await expire.execute()).done, 'not before the start').to.equal(0);
      core.clock.advance(2 * HOUR);
      expect(await expire.execute()).to.deep.equal({ done: 1, failed: [] });
      expect(await expire.execute(), 'once').to.deep.equal({ done: 0, failed: [] });
      expect(await statusOf(late.id)).to.include({ status: 'expired', waitlistPosition: null });
      const closed = await told(USERS.friend, 'booking.status_changed');
      expect(closed.map((n) => n.bookingId)).to.deep.equal([late.id]);
      expect(closed[0]!.title).to.equal(`Waitlist closed: “${soon.title}”`);
      expect(closed[0]!.body).to.match(/^No seats freed up for the waitlisted request for 1 seat before the screening of .+ on .+\.$/);

      const later = await core.announce({ approval: 'auto', capacity: 1, startsAt: at(3 * DAY) });
      await core.book(later.id, USERS.guest);
      const waiting = await core.book(later.id, USERS.other);
      ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: later.id }));
      expect((await statusOf(waiting.id)).status).to.equal('expired');
      // Still a participant of the cancelled screening (A6): it stays readable to them.
      expect(ok(await core.uc.getAnnouncement.execute(USERS.other, later.id)).status).to.equal('cancelled');
    });

    it('counts a place in line as a commitment: no overlapping booking while waiting (B3)', async () => {
      const a = await core.announce({ approval: 'auto', capacity: 1 });
      const b = await core.announce({ approval: 'auto', capacity: 4, startsAt: at(DAY + 8 * HOUR + 30 * 60_000) }, USERS.friend);
      await core.book(a.id, USERS.guest);
      await core.book(a.id, USERS.other);
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.other, announcementId: b.id })).code).to.equal('SCHEDULE.CONFLICT');
    });
  });
}

/**
 * W2 as a property, through the use cases on memory: after any sequence of requests, guests
 * leaving, hosts revoking or refusing and capacity changes, the seats taken are exactly the
 * accepted parties and never above capacity, and every booking has the status a plain reading
 * of the rule gives (accept in request order whatever fits, let smaller parties pass) — so
 * promotion went in order, and no party that fits is left waiting.
 */
describe('The waitlist as a property (W2)', function () {
  this.timeout(120_000);
  type Op =
    | { kind: 'request'; seats: number }
    | { kind: 'leave'; pick: number }
    | { kind: 'reject'; pick: number }
    | { kind: 'capacity'; to: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('request' as const), seats: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('leave' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('capacity' as const), to: fc.integer({ min: 1, max: 8 }) }) },
  );
  type Modelled = { id: string; guestId: string; seats: number; status: string };

  it('keeps seats exact, never above capacity, and promotes in order whatever fits', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.array(op, { minLength: 1, maxLength: 25 }), async (capacity0, ops) => {
      const core = await Core.start(memory);
      try {
        const a = await core.announce({ approval: 'auto', capacity: capacity0 });
        const model: Modelled[] = [];
        let capacity = capacity0;
        const taken = () => model.filter((b) => b.status === 'accepted').reduce((n, b) => n + b.seats, 0);
        const promote = () => {
          for (const b of model) if (b.status === 'waitlisted' && b.seats <= capacity - taken()) b.status = 'accepted';
        };
        for (const [n, step] of ops.entries()) {
          const active = model.filter((b) => b.status === 'accepted' || b.status === 'waitlisted');
          if (step.kind === 'request') {
            const guestId = someone(n + 1);
            const made = await core.uc.createBooking.execute({ guestId, announcementId: a.id, seats: step.seats });
            if (step.seats > capacity) {
              expect(failure(made).code).to.equal('BOOKING.NO_SEATS_LEFT');
              continue;
            }
            model.push({ id: ok(made).id, guestId, seats: step.seats, status: step.seats <= capacity - taken() ? 'accepted' : 'waitlisted' });
          } else if (step.kind === 'capacity') {
            const changed = await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { capacity: step.to } });
            if (step.to < taken()) expect(failure(changed).code).to.equal('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN');
            else {
              ok(changed);
              capacity = step.to;
              promote();
            }
          } else if (active.length > 0) {
            const b = active[step.pick % active.length]!;
            const status = step.kind === 'leave' ? 'cancelled' : 'rejected';
            ok(await core.uc.changeBookingStatus.execute({ actorId: step.kind === 'leave' ? b.guestId : USERS.host, bookingId: b.id, status }));
            b.status = status;
            promote();
          }
          const seen = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id));
          const actual = Object.fromEntries(seen.map((b) => [b.id, b.status]));
          expect(actual, `after step ${n}: ${JSON.stringify(step)}`).to.deep.equal(Object.fromEntries(model.map((b) => [b.id, b.status])));
          const detail = ok(await core.uc.getAnnouncement.execute(USERS.host, a.id));
          expect(detail.seatsTaken).to.equal(taken()).and.to.be.at.most(detail.capacity);
          const left = detail.capacity - detail.seatsTaken;
          expect(model.filter((b) => b.status === 'waitlisted' && b.seats <= left), 'a fitting party left waiting').to.deep.equal([]);
        }
      } finally {
        await core.stop();
      }
    }), { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) });
  });
});
