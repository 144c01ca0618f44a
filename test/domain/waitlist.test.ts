import { expect } from 'chai';
import { Booking, inWaitlistOrder, promoteWaitlist, waitlistPosition, type Announcement, type BookingStatus } from '../../src/domain/index.js';
import { aBooking, anAnnouncement, unwrap } from '../support/domain-builders.js';
import { at, DAY, HOUR, T0, USERS } from '../support/fixtures.js';

/** A booking of `a` in the given state, asked for `minutes` after T0 (shaped on another screening's, so `a` keeps its seats). */
const booked = (a: Announcement, id: string, minutes: number, { seats = 1, status = 'waitlisted' }: { seats?: number; status?: BookingStatus } = {}): Booking =>
  Booking.rehydrate({ ...aBooking(anAnnouncement()).snapshot(), announcementId: a.id, id, seats, status, createdAt: new Date(T0.getTime() + minutes * 60_000) });

/** An automatic screening of `capacity` seats with `left` of them free. */
const screening = (capacity: number, left: number, approval: 'auto' | 'manual' = 'auto'): Announcement => {
  const a = anAnnouncement({ capacity, approval, startsAt: at(DAY) });
  if (capacity > left) unwrap(a.takeSeats(capacity - left, T0));
  return a;
};

describe('The waitlist (W1-W3)', () => {
  describe('its order and a place in it', () => {
    it('lines up only waiting bookings, by the time they were asked, then by id', () => {
      const a = screening(4, 0);
      const late = booked(a, 'b-3', 30);
      const tieB = booked(a, 'b-2', 10);
      const tieA = booked(a, 'b-1', 10);
      const early = booked(a, 'b-9', 5);
      const accepted = booked(a, 'b-0', 0, { status: 'accepted' });
      expect(inWaitlistOrder([late, tieB, accepted, tieA, early]).map((b) => b.id)).to.deep.equal(['b-9', 'b-1', 'b-2', 'b-3']);
      expect(waitlistPosition([late, tieB, accepted, tieA, early], 'b-9')).to.equal(1);
      expect(waitlistPosition([late, tieB, accepted, tieA, early], 'b-3')).to.equal(4);
    });

    it('gives no place to a booking that does not wait, or is not there', () => {
      const a = screening(4, 0);
      const bookings = [booked(a, 'b-1', 1), booked(a, 'b-0', 0, { status: 'accepted' })];
      expect(waitlistPosition(bookings, 'b-0')).to.equal(null);
      expect(waitlistPosition(bookings, 'nobody')).to.equal(null);
    });
  });

  describe('promotion after seats free up (W2)', () => {
    it('accepts waiting parties in order while they fit; one that does not fit keeps its place and smaller ones pass', () => {
      const a = screening(6, 3);
      const big = booked(a, 'b-1', 1, { seats: 3 });
      const first = booked(a, 'b-0', 0, { seats: 2 });
      const small = booked(a, 'b-2', 2, { seats: 1 });
      const { promoted, events } = unwrap(promoteWaitlist(a, [small, big, first], 0, 3, T0));
      expect(promoted.map((b) => b.id)).to.deep.equal(['b-0', 'b-2']);
      expect([first.status, big.status, small.status]).to.deep.equal(['accepted', 'waitlisted', 'accepted']);
      expect(a.seatsLeft).to.equal(0);
      expect(events.filter((e) => e.type === 'BookingStatusChanged').map((e) => 'bookingId' in e && e.bookingId)).to.deep.equal(['b-0', 'b-2']);
    });

    it('lets nobody in once the screening has started, at its very start too, or is over (W3)', () => {
      for (const now of [at(DAY), at(DAY + HOUR)]) {
        const a = screening(4, 2);
        const waiting = booked(a, 'b-1', 1);
        expect(unwrap(promoteWaitlist(a, [waiting], 0, 2, now))).to.deep.equal({ promoted: [], events: [] });
        expect(waiting.status).to.equal('waitlisted');
      }
      const cancelled = screening(4, 2);
      const waiting = booked(cancelled, 'b-1', 1);
      unwrap(cancelled.cancel(USERS.host, T0));
      expect(unwrap(promoteWaitlist(cancelled, [waiting], 1, 2, T0))).to.deep.equal({ promoted: [], events: [] });
    });

    it('promotes a minute before the start', () => {
      const a = screening(4, 1);
      expect(unwrap(promoteWaitlist(a, [booked(a, 'b-1', 1)], 0, 1, new Date(at(DAY).getTime() - 60_000))).promoted).to.have.length(1);
    });

    it('on a manual screening promotes nobody, and tells the host how many seats freed and how many wait', () => {
      const a = screening(4, 2, 'manual');
      const waiting = booked(a, 'b-1', 1);
      expect(unwrap(promoteWaitlist(a, [waiting], 3, 2, T0))).to.deep.equal({
        promoted: [], events: [{ type: 'SeatsFreed', announcementId: a.id, seats: 2, waiting: 3 }],
      });
      expect(waiting.status).to.equal('waitlisted');
    });

    it('tells the host nothing when no seat freed, nobody waits, or the screening has started', () => {
      const a = screening(4, 2, 'manual');
      expect(unwrap(promoteWaitlist(a, [], 3, 0, T0)).events).to.deep.equal([]);
      expect(unwrap(promoteWaitlist(a, [], 0, 2, T0)).events).to.deep.equal([]);
      expect(unwrap(promoteWaitlist(a, [], 3, 2, at(DAY))).events).to.deep.equal([]);
    });

    it('moves only a waiting booking, and only into seats that are there', () => {
      const a = screening(4, 1);
      const accepted = booked(a, 'b-1', 1, { status: 'accepted' });
      expect(accepted.promote(a, T0)._unsafeUnwrapErr()).to.deep.equal({ code: 'BOOKING.ILLEGAL_TRANSITION', from: 'accepted', to: 'accepted' });
      expect(booked(a, 'b-2', 2, { seats: 2 }).promote(a, T0)._unsafeUnwrapErr()).to.deep.include({ code: 'BOOKING.NO_SEATS_LEFT' });
      const waiting = booked(a, 'b-3', 3);
      expect(unwrap(waiting.promote(a, T0)).map((e) => e.type)).to.deep.equal(['SeatsChanged', 'BookingStatusChanged']);
      expect(waiting.snapshot()).to.include({ status: 'accepted' });
      expect(waiting.snapshot().decidedAt).to.deep.equal(T0);
      expect(a.seatsLeft).to.equal(0);
    });

    it('closes a waiting place when the screening starts, undecided, and leaves any other booking as it is (W3)', () => {
      const a = screening(4, 0);
      const waiting = booked(a, 'b-1', 1);
      expect(waiting.expire(at(DAY))).to.deep.equal([{ type: 'BookingStatusChanged', bookingId: 'b-1', announcementId: a.id, from: 'waitlisted', to: 'expired' }]);
      expect(waiting.snapshot()).to.deep.include({ status: 'expired', decidedAt: null, updatedAt: at(DAY) });
      const accepted = booked(a, 'b-2', 2, { status: 'accepted' });
      expect(accepted.expire(at(DAY))).to.deep.equal([]);
      expect(accepted.status).to.equal('accepted');
    });

    it('leaves alone a booking in the list that no longer waits', () => {
      const a = screening(4, 2);
      const accepted = booked(a, 'b-1', 1, { status: 'accepted' });
      expect(unwrap(promoteWaitlist(a, [accepted], 0, 2, T0))).to.deep.equal({ promoted: [], events: [] });
      expect(a.seatsLeft).to.equal(2);
    });
  });
});
