import { expect } from 'chai';
import { Booking, TimeRange, type Commitment } from '../../src/domain/index.js';
import { aBooking, anAnnouncement, errorCode, unwrap } from '../support/domain-builders.js';
import { at, DAY, HOUR, T0, USERS } from '../support/fixtures.js';

const request = (announcement = anAnnouncement(), overrides: Partial<Parameters<typeof Booking.request>[1]> = {}) =>
  Booking.request(announcement, { id: 'b1', guestId: USERS.guest, link: { code: 'b', url: 'http://wt.test/s/b' }, now: T0, guestCommitments: [], ...overrides });

const commitment = (announcementId: string, start: Date, minutes: number, as: 'host' | 'guest' = 'guest'): Commitment =>
  ({ userId: USERS.guest, announcementId, range: TimeRange.of(start, minutes), as });

describe('Booking', () => {
  describe('requesting', () => {
    it('asks for one seat by default and waits for the host', () => {
      const { booking, events } = unwrap(request());
      expect(booking.snapshot()).to.include({ seats: 1, status: 'pending', decidedAt: null, hostId: USERS.host });
      expect(events).to.deep.equal([{ type: 'BookingCreated', bookingId: 'b1', announcementId: booking.announcementId }]);
    });

    it('refuses a host booking their own screening (B1)', () => {
      expect(errorCode(request(anAnnouncement(), { guestId: USERS.host }))).to.equal('BOOKING.OWN_ANNOUNCEMENT');
    });

    it('refuses a message with a NUL character or an unpaired surrogate', () => {
      expect(errorCode(request(undefined, { message: 'hi\u0000' }))).to.equal('BOOKING.INVALID');
      expect(errorCode(request(undefined, { message: '\udc00' }))).to.equal('BOOKING.INVALID');
    });

    it('takes a party of ten and a note of 1000 characters, and names what goes beyond', () => {
      expect(unwrap(request(undefined, { seats: 10, message: 'x'.repeat(1000) })).booking.snapshot()).to.include({ seats: 10 });
      expect(request(undefined, { seats: 11, message: 'x'.repeat(1001) })._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.INVALID', issues: [
        { path: 'seats', message: 'must be a whole number from 1 to 10' }, { path: 'message', message: 'at most 1000 characters' },
      ] });
      expect(request(undefined, { message: 'a\u0000' })._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.INVALID', issues: [
        { path: 'message', message: 'must not contain NUL characters' },
      ] });
      expect(unwrap(request(undefined, { message: null })).booking.snapshot().message).to.equal(null);
    });

    it('refuses a party larger than ten or smaller than one', () => {
      expect(errorCode(request(undefined, { seats: 11 }))).to.equal('BOOKING.INVALID');
      expect(errorCode(request(undefined, { seats: 0 }))).to.equal('BOOKING.INVALID');
    });

    it('refuses closed, cancelled and started screenings (B5)', () => {
      const closed = anAnnouncement();
      unwrap(closed.update(USERS.host, { status: 'closed' }, T0));
      expect(errorCode(request(closed))).to.equal('BOOKING.NOT_OPEN');
      const cancelled = anAnnouncement();
      unwrap(cancelled.cancel(USERS.host, T0));
      expect(errorCode(request(cancelled))).to.equal('BOOKING.NOT_OPEN');
      const started = anAnnouncement({ startsAt: at(HOUR) });
      expect(errorCode(request(started, { now: at(HOUR) }))).to.equal('BOOKING.NOT_OPEN');
    });

    it('refuses a second active booking of the same screening (B4)', () => {
      const a = anAnnouncement();
      const mine = commitment(a.id, a.range.start, 90);
      expect(errorCode(request(a, { guestCommitments: [mine] }))).to.equal('BOOKING.ALREADY_BOOKED');
    });

    it('refuses a screening that overlaps another booking or one the guest hosts (B3)', () => {
      const a = anAnnouncement({ startsAt: at(DAY) });
      expect(errorCode(request(a, { guestCommitments: [commitment('other', at(DAY + HOUR), 60)] }))).to.equal('SCHEDULE.CONFLICT');
      expect(errorCode(request(a, { guestCommitments: [commitment('mine', at(DAY - HOUR), 61, 'host')] }))).to.equal('SCHEDULE.CONFLICT');
    });

    it('allows back-to-back screenings: ranges are half-open', () => {
      const a = anAnnouncement({ startsAt: at(DAY), durationMinutes: 90 });
      expect(unwrap(request(a, { guestCommitments: [commitment('before', at(DAY - HOUR), 60), commitment('after', a.range.end, 60)] }))
        .booking.status).to.equal('pending');
    });

    it('is accepted at once with auto approval, taking the seats (B8)', () => {
      const a = anAnnouncement({ approval: 'auto', capacity: 3 });
      const { booking, events } = unwrap(request(a, { seats: 2 }));
      expect(events.map((e) => e.type)).to.deep.equal(['SeatsChanged', 'BookingCreated']);
      expect(booking.status).to.equal('accepted');
      expect(booking.snapshot().decidedAt).to.deep.equal(T0);
      expect(a.seatsLeft).to.equal(1);
    });

    it('waits on the list with auto approval when the seats are gone, taking nothing (B8, W1)', () => {
      const a = anAnnouncement({ approval: 'auto', capacity: 2 });
      unwrap(a.takeSeats(1, T0));
      expect(errorCode(request(a, { seats: 3 })), 'a party larger than the room').to.equal('BOOKING.NO_SEATS_LEFT');
      const { booking, events } = unwrap(request(a, { seats: 2 }));
      expect(booking.status).to.equal('waitlisted');
      expect(booking.snapshot().decidedAt).to.equal(null);
      expect(events).to.deep.equal([{ type: 'BookingCreated', bookingId: 'b1', announcementId: a.id }, { type: 'Waitlisted', bookingId: 'b1', announcementId: a.id }]);
      expect(a.seatsLeft).to.equal(1);
    });

    it('is refused with auto approval when the seats are gone and the guest will not wait, taking nothing (B8)', () => {
      const a = anAnnouncement({ approval: 'auto', capacity: 1 });
      expect(errorCode(request(a, { seats: 2, waitlist: false }))).to.equal('BOOKING.NO_SEATS_LEFT');
      expect(a.seatsLeft).to.equal(1);
    });

    it('stays pending on a manual screening however full, and never waits there (W1)', () => {
      const a = anAnnouncement({ capacity: 1 });
      expect(unwrap(request(a, { seats: 2 })).booking.status).to.equal('pending');
      expect(unwrap(request(a, { seats: 2, waitlist: false })).booking.status).to.equal('pending');
    });
  });

  describe('deciding (B6)', () => {
    it('lets the host accept, taking the seats', () => {
      const a = anAnnouncement({ capacity: 4 });
      const b = aBooking(a, USERS.guest, 3);
      const events = unwrap(b.decide(USERS.host, 'accepted', a, T0));
      expect(events).to.deep.equal([
        { type: 'SeatsChanged', announcementId: a.id, seatsTaken: 3 },
        { type: 'BookingStatusChanged', bookingId: b.id, announcementId: a.id, from: 'pending', to: 'accepted' },
      ]);
      expect(a.seatsLeft).to.equal(1);
    });

    it('refuses to accept beyond capacity (B2)', () => {
      const a = anAnnouncement({ capacity: 2 });
      const b = aBooking(a, USERS.guest, 3);
      expect(errorCode(b.decide(USERS.host, 'accepted', a, T0))).to.equal('BOOKING.NO_SEATS_LEFT');
      expect(b.status).to.equal('pending');
    });

    it('lets the host revoke an acceptance, freeing the seats', () => {
      const a = anAnnouncement();
      const b = aBooking(a, USERS.guest, 2);
      unwrap(b.decide(USERS.host, 'accepted', a, T0));
      unwrap(b.decide(USERS.host, 'rejected', a, T0));
      expect([b.status, a.seatsLeft]).to.deep.equal(['rejected', 4]);
    });

    it('changes no seats when a pending request is rejected', () => {
      const a = anAnnouncement();
      const b = aBooking(a, USERS.guest, 2);
      expect(unwrap(b.decide(USERS.host, 'rejected', a, T0)).map((e) => e.type)).to.deep.equal(['BookingStatusChanged']);
      expect(a.seatsLeft).to.equal(4);
    });

    it('forbids the guest or a stranger to decide', () => {
      const a = anAnnouncement();
      expect(errorCode(aBooking(a).decide(USERS.guest, 'accepted', a, T0))).to.equal('BOOKING.FORBIDDEN');
      expect(errorCode(aBooking(a).decide(USERS.stranger, 'rejected', a, T0))).to.equal('BOOKING.FORBIDDEN');
    });

    it('refuses illegal transitions', () => {
      const a = anAnnouncement();
      const b = aBooking(a);
      unwrap(b.decide(USERS.host, 'rejected', a, T0));
      expect(errorCode(b.decide(USERS.host, 'accepted', a, T0))).to.equal('BOOKING.ILLEGAL_TRANSITION');
      const accepted = aBooking(a, USERS.other);
      unwrap(accepted.decide(USERS.host, 'accepted', a, T0));
      expect(accepted.decide(USERS.host, 'accepted', a, T0)._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.ILLEGAL_TRANSITION', from: 'accepted', to: 'accepted' });
      expect(b.decide(USERS.host, 'rejected', a, T0)._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.ILLEGAL_TRANSITION', from: 'rejected', to: 'rejected' });
      expect(a.seatsLeft).to.equal(3);
    });

    it('refuses decisions once the screening is done', () => {
      const a = anAnnouncement({ startsAt: at(HOUR) });
      const b = aBooking(a);
      a.completeIfEnded(at(DAY));
      expect(b.decide(USERS.host, 'accepted', a, at(DAY))._unsafeUnwrapErr()).to.deep.equal({ code: 'ANNOUNCEMENT.FINAL', status: 'done' });
    });
  });

  describe('cancelling (B6)', () => {
    it('lets the guest cancel, freeing accepted seats', () => {
      const a = anAnnouncement();
      const b = aBooking(a, USERS.guest, 2);
      unwrap(b.decide(USERS.host, 'accepted', a, T0));
      const events = unwrap(b.cancel(USERS.guest, a, T0));
      expect(events).to.deep.equal([
        { type: 'SeatsChanged', announcementId: a.id, seatsTaken: 0 },
        { type: 'BookingStatusChanged', bookingId: b.id, announcementId: a.id, from: 'accepted', to: 'cancelled' },
      ]);
      expect(a.seatsLeft).to.equal(4);
    });

    it('forbids the host or a stranger to cancel for the guest', () => {
      const a = anAnnouncement();
      expect(errorCode(aBooking(a).cancel(USERS.host, a, T0))).to.equal('BOOKING.FORBIDDEN');
      expect(errorCode(aBooking(a).cancel(USERS.stranger, a, T0))).to.equal('BOOKING.FORBIDDEN');
    });

    it('refuses to cancel twice', () => {
      const a = anAnnouncement();
      const b = aBooking(a);
      unwrap(b.cancel(USERS.guest, a, T0));
      expect(b.cancel(USERS.guest, a, T0)._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.ILLEGAL_TRANSITION', from: 'cancelled', to: 'cancelled' });
    });

    it('is the guest’s act, not a decision: decidedAt stays as it was', () => {
      const a = anAnnouncement();
      const pending = aBooking(a);
      unwrap(pending.cancel(USERS.guest, a, at(HOUR)));
      expect(pending.snapshot()).to.include({ decidedAt: null, cancelledWithAnnouncement: false });
      const accepted = aBooking(a, USERS.other);
      unwrap(accepted.decide(USERS.host, 'accepted', a, at(HOUR)));
      unwrap(accepted.cancel(USERS.other, a, at(2 * HOUR)));
      expect(accepted.snapshot().decidedAt).to.deep.equal(at(HOUR));
      expect(accepted.snapshot().updatedAt).to.deep.equal(at(2 * HOUR));
    });

    it('follows its screening into cancellation, silently', () => {
      const a = anAnnouncement();
      const b = aBooking(a);
      expect(b.cancelWithAnnouncement(T0)).to.equal(true);
      expect(b.snapshot()).to.include({ status: 'cancelled', cancelledWithAnnouncement: true });
      expect(b.cancelWithAnnouncement(T0)).to.equal(false);
    });

    it('refuses once its screening is over (done or cancelled)', () => {
      const a = anAnnouncement({ startsAt: at(HOUR) });
      const b = aBooking(a);
      a.completeIfEnded(at(DAY));
      expect(errorCode(b.cancel(USERS.guest, a, at(DAY)))).to.equal('ANNOUNCEMENT.FINAL');
      expect(b.status).to.equal('pending');
    });
  });

  it('keeps its guest’s access to a friends-only screening only while active, or when it ended with the screening (A5)', () => {
    const a = anAnnouncement();
    const [pending, accepted, rejected, left, ended] = [USERS.guest, USERS.other, USERS.friend, USERS.stranger, 'g5'].map((g) => aBooking(a, g));
    unwrap(accepted!.decide(USERS.host, 'accepted', a, T0));
    unwrap(rejected!.decide(USERS.host, 'rejected', a, T0));
    unwrap(left!.cancel(USERS.stranger, a, T0));
    ended!.cancelWithAnnouncement(T0);
    expect([pending, accepted, rejected, left, ended].map((b) => b!.keepsAccess)).to.deep.equal([true, true, false, false, true]);
  });

  it('is visible only to its guest and host (B7)', () => {
    const b = aBooking(anAnnouncement());
    expect([b.guestId, b.hostId, b.seats]).to.deep.equal([USERS.guest, USERS.host, 1]);
    expect([USERS.guest, USERS.host, USERS.stranger].map((u) => b.isVisibleTo(u))).to.deep.equal([true, true, false]);
  });
});
