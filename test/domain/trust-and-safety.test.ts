import { expect } from 'chai';
import { approximateArea, fileReport, isInsider, isVisibleTo, shownPlace } from '../../src/domain/index.js';
import { aBooking, anAnnouncement, errorCode, unwrap } from '../support/domain-builders.js';
import { at, DAY, HOUR, T0, USERS } from '../support/fixtures.js';

const PLACE = { city: 'Berlin', address: 'Torstraße 1', lat: 52.529, lon: 13.401 };

describe('Where and who, for whom (RULES §9 S1, S2)', () => {
  it('counts the host and accepted guests as those who come, and nobody else', () => {
    expect(isInsider(USERS.host, USERS.host, null)).to.equal(true);
    expect(isInsider(USERS.host, USERS.guest, { status: 'accepted' })).to.equal(true);
    for (const status of ['pending', 'rejected', 'cancelled'] as const) expect(isInsider(USERS.host, USERS.guest, { status }), status).to.equal(false);
    expect(isInsider(USERS.host, USERS.stranger, null)).to.equal(false);
  });

  it('shows those who come the place, everyone else the city and the centre of its cell', () => {
    expect(shownPlace(PLACE, true)).to.deep.equal({ ...PLACE, timeZone: 'UTC', addressHidden: false });
    expect(shownPlace(PLACE, false)).to.deep.equal({ city: 'Berlin', area: { lat: 52.525, lon: 13.405, radiusKm: 0.8 }, timeZone: 'UTC', addressHidden: true });
    expect(shownPlace({ city: 'Berlin', address: 'Torstraße 1', timeZone: 'Europe/Berlin' }, false))
      .to.deep.equal({ city: 'Berlin', timeZone: 'Europe/Berlin', addressHidden: true });
    expect(approximateArea(-33.8568, 151.2153)).to.deep.equal({ lat: -33.855, lon: 151.215, radiusKm: 0.8 });
  });
});

describe('Blocks hide screenings both ways (RULES §9 S3)', () => {
  it('hide even a public screening from someone with a block between them and its host, but never from the host', () => {
    const screening = { privacy: 'public' as const, hostId: USERS.host };
    expect(isVisibleTo(screening, { userId: USERS.guest, isFriendOfHost: true, keepsAccess: true, blocked: true })).to.equal(false);
    expect(isVisibleTo(screening, { userId: USERS.guest, isFriendOfHost: false, keepsAccess: false, blocked: false })).to.equal(true);
    expect(isVisibleTo(screening, { userId: USERS.host, isFriendOfHost: false, keepsAccess: false, blocked: true })).to.equal(true);
  });
});

describe('Attendance and late cancellations (RULES §9 S5)', () => {
  it('counts a cancellation of an accepted seat less than 24 h before the start as late, and not one of a pending request', () => {
    const a = anAnnouncement({ approval: 'auto', startsAt: at(DAY) });
    const accepted = aBooking(a);
    unwrap(accepted.cancel(USERS.guest, a, at(DAY - 23 * HOUR)));
    expect(accepted.snapshot().cancelledLate).to.equal(true);
    const early = aBooking(a, USERS.friend);
    unwrap(early.cancel(USERS.friend, a, at(DAY - 25 * HOUR)));
    expect(early.snapshot().cancelledLate).to.equal(false);
    const manual = anAnnouncement({ startsAt: at(2 * DAY) }, USERS.other);
    const pending = aBooking(manual);
    unwrap(pending.cancel(USERS.guest, manual, at(2 * DAY - HOUR)));
    expect(pending.snapshot().cancelledLate).to.equal(false);
  });

  it('lets the host mark an accepted guest after the end for 14 days, telling a no-show once', () => {
    const a = anAnnouncement({ approval: 'auto', startsAt: at(DAY), durationMinutes: 60 });
    const b = aBooking(a);
    expect(errorCode(b.markAttendance(USERS.host, false, a, at(DAY + 2 * HOUR)))).to.equal('ATTENDANCE.NOT_YET');
    expect(a.completeIfEnded(at(DAY + 2 * HOUR))).to.equal(true);
    expect(errorCode(b.markAttendance(USERS.guest, false, a, at(DAY + 2 * HOUR)))).to.equal('ANNOUNCEMENT.NOT_HOST');
    expect(unwrap(b.markAttendance(USERS.host, false, a, at(DAY + 2 * HOUR)))).to.deep.equal([{ type: 'MarkedNoShow', bookingId: b.id, announcementId: a.id }]);
    expect(unwrap(b.markAttendance(USERS.host, false, a, at(DAY + 3 * HOUR))), 'told once').to.deep.equal([]);
    expect(unwrap(b.markAttendance(USERS.host, true, a, at(DAY + 3 * HOUR)))).to.deep.equal([]);
    expect(b.snapshot().attended).to.equal(true);
    expect(errorCode(b.markAttendance(USERS.host, true, a, at(DAY + HOUR + 14 * DAY + 1)))).to.equal('ATTENDANCE.WINDOW_CLOSED');
    const pending = aBooking(anAnnouncement({ startsAt: at(3 * DAY) }, USERS.other), USERS.friend);
    expect(errorCode(pending.markAttendance(USERS.other, true, anAnnouncement({ startsAt: at(3 * DAY) }, USERS.other), T0))).to.equal('ATTENDANCE.NOT_A_GUEST');
  });
});

describe('Reports (RULES §9 S4)', () => {
  const report = (over: Partial<Parameters<typeof fileReport>[0]> = {}) => fileReport({
    id: 'r1', reporterId: USERS.guest, subject: { kind: 'user', id: USERS.host }, reason: 'harassment', details: null, createdAt: T0, ...over,
  });

  it('take a known reason and plain details, about someone else', () => {
    expect(report().isOk()).to.equal(true);
    expect(errorCode(report({ subject: { kind: 'user', id: USERS.guest } }))).to.equal('REPORT.INVALID');
    expect(errorCode(report({ reason: 'boring' as never }))).to.equal('REPORT.INVALID');
    expect(errorCode(report({ details: 'x'.repeat(2001) }))).to.equal('REPORT.INVALID');
    expect(errorCode(report({ details: 'nul \u0000' }))).to.equal('REPORT.INVALID');
    expect(report({ details: 'x'.repeat(2000) }).isOk()).to.equal(true);
    const issuesOf = (over: Partial<Parameters<typeof fileReport>[0]>) => {
      const e = report(over)._unsafeUnwrapErr();
      return e.code === 'REPORT.INVALID' ? e.issues : [];
    };
    expect(issuesOf({ subject: { kind: 'user', id: USERS.guest }, reason: 'boring' as never, details: 'x'.repeat(2001) })).to.deep.equal([
      { path: 'reason', message: 'one of spam, harassment, unsafe, misleading, other' },
      { path: 'details', message: 'at most 2000 characters' },
      { path: 'subject.userId', message: 'is you' },
    ]);
    expect(issuesOf({ details: 'nul \u0000' })).to.deep.equal([{ path: 'details', message: 'must not contain NUL characters' }]);
    expect(report({ subject: { kind: 'announcement', id: USERS.guest } }).isOk(), 'an id that happens to be mine is not me').to.equal(true);
  });
});
