import { expect } from 'chai';
import { audienceOf, NotificationComposer, notificationText } from '../../src/application/index.js';
import type { DomainEvent } from '../../src/domain/index.js';
import { announcementState, bookingState } from '../../src/testing/index.js';
import { at, DAY, SequentialIds, T0, USERS } from '../support/fixtures.js';

const screening = announcementState({
  hostId: USERS.host, title: 'Matrix night', startsAt: new Date('2030-03-02T20:00:00Z'), shortUrl: 'http://wt.test/s/screen',
  place: { city: 'Berlin', address: 'Torstraße 1' }, film: { id: 'tt0133093', title: 'The Matrix', durationMinutes: 136 },
});
const names: ReadonlyMap<string, string> = new Map([[USERS.host, 'Hanna Host'], [USERS.guest, 'Gus Guest']]);
const nameOf = (id: string) => names.get(id) ?? 'Someone';
const now = new Date('2030-03-01T20:00:00Z');

/** What a person reads in their inbox, for every kind of notification (RULES §4). */
describe('Notification texts', () => {
  it('says which fields a guest cares about changed, in words', () => {
    const text = notificationText('announcement.updated', {
      announcement: screening, nameOf, now, changed: ['title', 'description', 'startsAt', 'durationMinutes', 'place', 'isFree', 'tags'],
    });
    expect(text).to.deep.equal({
      title: '“Matrix night” has changed',
      body: 'Hanna Host changed the title, description, start time, duration, place, price, house rules. It starts Sat, 2 Mar 2030, 20:00 UTC in Berlin.',
    });
  });

  it('tells of a cancellation, and of the coming screening a day and an hour ahead', () => {
    expect(notificationText('announcement.cancelled', { announcement: screening, nameOf, now })).to.deep.equal({
      title: '“Matrix night” is cancelled', body: 'Hanna Host cancelled the screening of The Matrix planned for Sat, 2 Mar 2030, 20:00 UTC.',
    });
    expect(notificationText('announcement.reminder_24h', { announcement: screening, nameOf, now })).to.deep.equal({
      title: '“Matrix night” starts in 24 hours', body: 'The Matrix at Torstraße 1, Berlin, Sat, 2 Mar 2030, 20:00 UTC.',
    });
    const at = (iso: string) => notificationText('announcement.reminder_1h', { announcement: screening, nameOf, now: new Date(iso) }).title;
    expect(at('2030-03-02T19:00:00Z')).to.equal('“Matrix night” starts in 1 hour');
    expect(at('2030-03-02T10:00:00Z'), 'a reminder sent late says how long is really left').to.equal('“Matrix night” starts in 10 hours');
    expect(at('2030-03-02T19:30:00Z')).to.equal('“Matrix night” starts in 30 minutes');
    expect(at('2030-03-02T19:59:40Z')).to.equal('“Matrix night” starts in 1 minute');
    expect(at('2030-03-02T18:31:00Z')).to.equal('“Matrix night” starts in 1 hour');
    expect(at('2030-03-02T19:06:00Z')).to.equal('“Matrix night” starts in 54 minutes');
    expect(at('2030-03-02T19:05:00Z'), '55 minutes is about an hour').to.equal('“Matrix night” starts in 1 hour');
    expect(at('2030-03-02T18:31:00Z'), '89 minutes').to.equal('“Matrix night” starts in 1 hour');
    expect(at('2030-03-02T18:30:00Z'), '90 minutes').to.equal('“Matrix night” starts in 2 hours');
  });

  it('speaks the place’s local time with its zone, right on both days the clocks change (T1)', () => {
    const berlin = (startsAt: string) => announcementState({ ...screening, startsAt: new Date(startsAt), place: { city: 'Berlin', address: 'Torstraße 1', timeZone: 'Europe/Berlin' } });
    const body = (startsAt: string) => notificationText('announcement.cancelled', { announcement: berlin(startsAt), nameOf, now }).body;
    // 31 March 2030: at 02:00 CET the clocks jump to 03:00 CEST.
    expect(body('2030-03-31T00:30:00Z')).to.contain('Sun, 31 Mar 2030, 01:30 CET');
    expect(body('2030-03-31T01:30:00Z')).to.contain('Sun, 31 Mar 2030, 03:30 CEST');
    // 27 October 2030: 02:30 happens twice, and the zone's name tells which.
    expect(body('2030-10-27T00:30:00Z')).to.contain('Sun, 27 Oct 2030, 02:30 CEST');
    expect(body('2030-10-27T01:30:00Z')).to.contain('Sun, 27 Oct 2030, 02:30 CET');
    const reminder = notificationText('announcement.reminder_24h', { announcement: berlin('2030-03-31T01:30:00Z'), nameOf, now: new Date('2030-03-30T01:30:00Z') });
    expect(reminder.body).to.equal('The Matrix at Torstraße 1, Berlin, Sun, 31 Mar 2030, 03:30 CEST.');
  });

  it('asks both sides to rate until the deadline, and tells a guest marked absent', () => {
    expect(notificationText('rating.requested', { announcement: { ...screening, status: 'done' }, nameOf, now })).to.deep.equal({
      title: 'How was “Matrix night”?',
      body: 'The screening of The Matrix on Sat, 2 Mar 2030, 20:00 UTC is over. Host and guests can rate each other until Sat, 16 Mar 2030, 21:30 UTC.',
    });
    const absent = bookingState(screening, { guestId: USERS.guest, status: 'accepted' });
    expect(notificationText('attendance.no_show', { announcement: screening, booking: absent, nameOf, now }).title).to.equal('Marked as not there: “Matrix night”');
    expect(() => notificationText('report.filed', { announcement: screening, nameOf, now })).to.throw('a report is written by FileReport');
  });

  it('gives the address with an acceptance only', () => {
    for (const status of ['rejected', 'cancelled'] as const) {
      const b = bookingState(screening, { guestId: USERS.guest, seats: 2, status });
      expect(notificationText('booking.status_changed', { announcement: screening, booking: b, nameOf, now }).body).to.equal(`The request of Gus Guest for 2 seats is now ${status}.`);
    }
  });

  it('tells the host who asked for how many seats, and what happens next', () => {
    const one = bookingState(screening, { guestId: USERS.guest, seats: 1 });
    expect(notificationText('booking.created', { announcement: screening, booking: one, nameOf, now })).to.deep.equal({
      title: 'New request for “Matrix night”', body: 'Gus Guest asked for 1 seat. Waiting for your decision.',
    });
    const auto = bookingState(screening, { guestId: USERS.stranger, seats: 3, status: 'accepted' });
    expect(notificationText('booking.created', { announcement: screening, booking: auto, nameOf, now }).body)
      .to.equal('Someone asked for 3 seats. Accepted automatically.');
    expect(notificationText('booking.status_changed', { announcement: screening, booking: auto, nameOf, now })).to.deep.equal({
      title: 'Booking accepted: “Matrix night”', body: 'The request of Someone for 3 seats is now accepted. The address: Torstraße 1, Berlin.',
    });
  });

  it('cannot tell of a booking it was not given: a bug, thrown', () => {
    expect(() => notificationText('booking.created', { announcement: screening, nameOf, now })).to.throw('a booking.created notification needs its booking');
  });
});

describe('Composing notifications', () => {
  const composer = () => new NotificationComposer(new SequentialIds());

  it('splits the people around a screening into participants and applicants', () => {
    const active = [{ status: 'accepted' as const, guestId: 'g1' }, { status: 'pending' as const, guestId: 'g2' }, { status: 'accepted' as const, guestId: 'g3' }];
    expect(audienceOf(USERS.host, active)).to.deep.equal({ hostId: USERS.host, participants: ['g1', 'g3'], applicants: ['g2'] });
    expect(audienceOf(USERS.host, [], 'g9')).to.deep.equal({ hostId: USERS.host, participants: [], applicants: [], guestId: 'g9' });
  });

  it('links a booking’s news to the booking and a screening’s to the screening, one notification per recipient', () => {
    const booking = bookingState(screening, { guestId: USERS.guest, shortUrl: 'http://wt.test/s/booking' });
    const events: DomainEvent[] = [
      { type: 'SeatsChanged', announcementId: screening.id, seatsTaken: 1 },
      { type: 'BookingStatusChanged', bookingId: booking.id, announcementId: screening.id, from: 'pending', to: 'accepted' },
    ];
    const notes = composer().compose(events, { announcement: screening, booking, names, now: at(DAY) });
    expect(notes.map((n) => [n.type, n.recipientId, n.link, n.bookingId, n.createdAt])).to.deep.equal([
      ['booking.status_changed', USERS.host, 'http://wt.test/s/booking', booking.id, at(DAY)],
      ['booking.status_changed', USERS.guest, 'http://wt.test/s/booking', booking.id, at(DAY)],
    ]);
    expect(new Set(notes.map((n) => n.id)).size).to.equal(2);
    const [unnamed] = composer().compose([{ type: 'BookingCreated', bookingId: booking.id, announcementId: screening.id }], {
      announcement: screening, booking: { ...booking, guestId: USERS.stranger }, names, now: T0,
    });
    expect(unnamed!.body).to.equal('Someone asked for 1 seat. Waiting for your decision.');
    const changed = composer().compose([{ type: 'AnnouncementUpdated', announcementId: screening.id, changed: ['place'] }], {
      announcement: screening, activeBookings: [{ status: 'pending', guestId: USERS.guest }], names, now: T0,
    });
    expect(changed.map((n) => [n.recipientId, n.link, n.body.startsWith('Hanna Host changed the place.')])).to.deep.equal([
      [USERS.host, 'http://wt.test/s/screen', true], [USERS.guest, 'http://wt.test/s/screen', true],
    ]);
  });
});
