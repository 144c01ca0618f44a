import { expect } from 'chai';
import { firstConflict, isVisibleTo, notificationIntents, ratingSide, TimeRange } from '../../src/domain/index.js';
import { at, HOUR, USERS } from '../support/fixtures.js';

describe('Schedule commitments (A2, B3)', () => {
  const mine = (id: string, startH: number, hours: number, as: 'host' | 'guest' = 'host') =>
    ({ userId: USERS.host, announcementId: id, range: TimeRange.of(at(startH * HOUR), hours * 60), as });

  it('finds the commitment that overlaps', () => {
    expect(firstConflict([mine('a', 0, 2), mine('b', 5, 2, 'guest')], TimeRange.of(at(6 * HOUR), 30))?.announcementId).to.equal('b');
  });

  it('ignores the screening being moved itself', () => {
    expect(firstConflict([mine('a', 0, 2)], TimeRange.of(at(HOUR), 60), 'a')).to.equal(undefined);
  });

  it('treats touching ranges as free: [start, end)', () => {
    expect(firstConflict([mine('a', 0, 2)], TimeRange.of(at(2 * HOUR), 60))).to.equal(undefined);
  });
});

describe('Visibility of friends-only screenings (A5)', () => {
  const friendsOnly = { privacy: 'friends' as const, hostId: USERS.host };
  const viewer = (userId: string, isFriendOfHost = false, keepsAccess = false) => ({ userId, isFriendOfHost, keepsAccess });

  it('shows public screenings to everyone', () => {
    expect(isVisibleTo({ ...friendsOnly, privacy: 'public' }, viewer(USERS.stranger))).to.equal(true);
  });

  it('shows friends-only screenings to the host, friends and guests who keep access, and hides them from others', () => {
    expect(isVisibleTo(friendsOnly, viewer(USERS.host))).to.equal(true);
    expect(isVisibleTo(friendsOnly, viewer(USERS.friend, true))).to.equal(true);
    expect(isVisibleTo(friendsOnly, viewer(USERS.guest, false, true))).to.equal(true);
    expect(isVisibleTo(friendsOnly, viewer(USERS.stranger))).to.equal(false);
  });
});

describe('Who is notified (§4)', () => {
  const audience = { hostId: USERS.host, participants: [USERS.guest], applicants: [USERS.other], guestId: USERS.guest };

  it('tells the host, participants and applicants about a change or cancellation', () => {
    for (const event of [
      { type: 'AnnouncementUpdated' as const, announcementId: 'a', changed: ['title' as const] },
      { type: 'AnnouncementCancelled' as const, announcementId: 'a' },
    ]) {
      expect(notificationIntents(event, audience).map((i) => i.recipientId)).to.have.members([USERS.host, USERS.guest, USERS.other]);
    }
  });

  it('tells only the host about a new booking, with the booking', () => {
    expect(notificationIntents({ type: 'BookingCreated', bookingId: 'b', announcementId: 'a' }, audience))
      .to.deep.equal([{ type: 'booking.created', recipientId: USERS.host, announcementId: 'a', bookingId: 'b' }]);
  });

  it('tells the host and the guest about a decided booking', () => {
    const intents = notificationIntents({ type: 'BookingStatusChanged', bookingId: 'b', announcementId: 'a', from: 'pending', to: 'accepted' }, audience);
    expect(intents.map((i) => [i.type, i.recipientId])).to.deep.equal([['booking.status_changed', USERS.host], ['booking.status_changed', USERS.guest]]);
  });
});

describe('Rating sides (§5)', () => {
  it('starts at the prior with no average', () => {
    expect(ratingSide(0, 0)).to.deep.equal({ average: null, count: 0, score: 3 });
  });

  it('pulls a single top score towards the prior (weight 5)', () => {
    expect(ratingSide(5, 1)).to.deep.equal({ average: 5, count: 1, score: 3.33 });
    expect(ratingSide(50, 10).score).to.equal(4.33);
  });
});
