import { expect } from 'chai';
import type { ApplicationError } from '../../src/application/index.js';
import { problemResponse } from '../../src/adapters/http/error-mapping.js';
import { domainError } from '../../src/domain/index.js';

/** One of each refusal the core can give, with what it carries. Typed by code: a new one must be added here. */
const EXAMPLES: { readonly [C in ApplicationError['code']]: [Extract<ApplicationError, { code: C }>, number] } = {
  'ANNOUNCEMENT.INVALID': [domainError('ANNOUNCEMENT.INVALID', { issues: [{ path: 'title', message: 'too long' }] }), 422],
  'ANNOUNCEMENT.NOT_FOUND': [domainError('ANNOUNCEMENT.NOT_FOUND'), 404],
  'ANNOUNCEMENT.NOT_HOST': [domainError('ANNOUNCEMENT.NOT_HOST'), 403],
  'ANNOUNCEMENT.STARTS_IN_PAST': [domainError('ANNOUNCEMENT.STARTS_IN_PAST'), 422],
  'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN': [domainError('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN', { seatsTaken: 3 }), 409],
  'ANNOUNCEMENT.FINAL': [domainError('ANNOUNCEMENT.FINAL', { status: 'done' }), 409],
  'ANNOUNCEMENT.VERSION_MISMATCH': [domainError('ANNOUNCEMENT.VERSION_MISMATCH', { currentVersion: 7 }), 412],
  'ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT': [domainError('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT'), 409],
  'MOVIE.UNKNOWN': [domainError('MOVIE.UNKNOWN', { movieId: 'tt0' }), 422],
  'MOVIE.NOT_FOUND': [domainError('MOVIE.NOT_FOUND', { movieId: 'tt0' }), 404],
  'SCHEDULE.CONFLICT': [domainError('SCHEDULE.CONFLICT', { as: 'guest', announcementId: 'a-1' }), 409],
  'BOOKING.INVALID': [domainError('BOOKING.INVALID', { issues: [{ path: 'seats', message: 'at most 10' }] }), 422],
  'BOOKING.NOT_FOUND': [domainError('BOOKING.NOT_FOUND'), 404],
  'BOOKING.OWN_ANNOUNCEMENT': [domainError('BOOKING.OWN_ANNOUNCEMENT'), 403],
  'BOOKING.NO_SEATS_LEFT': [domainError('BOOKING.NO_SEATS_LEFT', { seatsLeft: 1 }), 409],
  'BOOKING.ALREADY_BOOKED': [domainError('BOOKING.ALREADY_BOOKED'), 409],
  'BOOKING.NOT_OPEN': [domainError('BOOKING.NOT_OPEN'), 409],
  'BOOKING.FORBIDDEN': [domainError('BOOKING.FORBIDDEN'), 403],
  'BOOKING.ILLEGAL_TRANSITION': [domainError('BOOKING.ILLEGAL_TRANSITION', { from: 'rejected', to: 'accepted' }), 409],
  'RATING.INVALID': [domainError('RATING.INVALID', { issues: [{ path: 'score', message: 'from 1 to 5' }] }), 400],
  'RATING.FORBIDDEN': [domainError('RATING.FORBIDDEN'), 403],
  'RATING.NOT_YET': [domainError('RATING.NOT_YET', { status: 'open' }), 409],
  'RATING.WINDOW_CLOSED': [domainError('RATING.WINDOW_CLOSED'), 409],
  'RATING.NOT_A_RATEE': [domainError('RATING.NOT_A_RATEE', { as: 'guest' }), 422],
  'RATING.ALREADY_RATED': [domainError('RATING.ALREADY_RATED'), 409],
  'RATING.NOT_FOUND': [domainError('RATING.NOT_FOUND'), 404],
  'PAGE.INVALID_CURSOR': [{ code: 'PAGE.INVALID_CURSOR' }, 400],
  'CALENDAR_FEED.NOT_FOUND': [{ code: 'CALENDAR_FEED.NOT_FOUND' }, 404],
  'BLOCK.SELF': [domainError('BLOCK.SELF'), 422],
  'REPORT.INVALID': [domainError('REPORT.INVALID', { issues: [{ path: 'reason', message: 'unknown' }] }), 400],
  'REPORT.ALREADY_OPEN': [domainError('REPORT.ALREADY_OPEN'), 409],
  'REPORT.SUBJECT_NOT_FOUND': [domainError('REPORT.SUBJECT_NOT_FOUND'), 404],
  'ATTENDANCE.NOT_A_GUEST': [domainError('ATTENDANCE.NOT_A_GUEST'), 422],
  'ATTENDANCE.NOT_YET': [domainError('ATTENDANCE.NOT_YET', { status: 'open' }), 409],
  'ATTENDANCE.WINDOW_CLOSED': [domainError('ATTENDANCE.WINDOW_CLOSED'), 409],
  'INVITE.NOT_FOUND': [domainError('INVITE.NOT_FOUND'), 404],
  'INVITE.GONE': [domainError('INVITE.GONE'), 410],
  'INVITE.CLOSED': [domainError('INVITE.CLOSED', { status: 'open' }), 409],
};

describe('HTTP answers to the core’s refusals (RULES §2, §3, §6)', () => {
  for (const [code, [error, status]] of Object.entries(EXAMPLES)) {
    it(`answers ${code} with ${status} problem+json`, () => {
      const answer = problemResponse(error);
      const body = answer.body as Record<string, unknown>;
      expect(answer.status).to.equal(status);
      expect(answer.headers['Content-Type']).to.equal('application/problem+json');
      expect(body).to.include({ status, code, type: `urn:watch-together:problem:${code.toLowerCase()}` });
      expect(body.title).to.be.a('string').and.not.equal('');
      expect(body.detail).to.be.a('string').and.not.equal('');
    });
  }

  it('gives every refusal a title of its own, so a client can tell them apart without the code', () => {
    const titles = Object.values(EXAMPLES).map(([error]) => (problemResponse(error).body as { title: string }).title);
    expect(new Set(titles).size).to.equal(titles.length);
    expect(problemResponse(domainError('BOOKING.NO_SEATS_LEFT', {})).body).to.include({
      title: 'Not enough seats left', detail: 'Not enough seats are left for this request.',
    });
  });

  it('names the fields of a rule a screening or booking breaks', () => {
    expect((problemResponse(EXAMPLES['ANNOUNCEMENT.INVALID'][0]).body as { errors: unknown }).errors)
      .to.deep.equal([{ in: 'body', path: 'title', message: 'too long' }]);
    expect((problemResponse(EXAMPLES['BOOKING.INVALID'][0]).body as { errors: unknown }).errors)
      .to.deep.equal([{ in: 'body', path: 'seats', message: 'at most 10' }]);
    expect((problemResponse(EXAMPLES['ANNOUNCEMENT.STARTS_IN_PAST'][0]).body as { errors: unknown }).errors)
      .to.deep.equal([{ in: 'body', path: 'startsAt', message: 'must be in the future' }]);
    expect((problemResponse(EXAMPLES['MOVIE.UNKNOWN'][0]).body as { errors: unknown }).errors)
      .to.deep.equal([{ in: 'body', path: 'movieId', message: 'unknown film' }]);
    expect((problemResponse(EXAMPLES['PAGE.INVALID_CURSOR'][0]).body as { errors: unknown }).errors)
      .to.deep.equal([{ in: 'query', path: 'cursor', message: 'not a cursor of this list' }]);
  });

  it('carries what the client needs to act: seats, versions, the clashing screening', () => {
    expect(problemResponse(EXAMPLES['ANNOUNCEMENT.CAPACITY_BELOW_TAKEN'][0]).body).to.include({ seatsTaken: 3 });
    const stale = problemResponse(EXAMPLES['ANNOUNCEMENT.VERSION_MISMATCH'][0]);
    expect([stale.headers.ETag, (stale.body as { currentVersion: number }).currentVersion]).to.deep.equal(['"7"', 7]);
    expect(problemResponse(EXAMPLES['SCHEDULE.CONFLICT'][0]).body).to.include({ conflictingAnnouncementId: 'a-1' });
    expect(problemResponse(domainError('SCHEDULE.CONFLICT', { as: 'host' })).body).to.not.have.property('conflictingAnnouncementId');
    expect(problemResponse(EXAMPLES['BOOKING.NO_SEATS_LEFT'][0]).body).to.include({ seatsLeft: 1, detail: 'Only 1 seat is left.' });
    expect(problemResponse(domainError('BOOKING.NO_SEATS_LEFT', { seatsLeft: 0 })).body).to.include({ detail: 'Only 0 seats are left.' });
    expect(problemResponse(domainError('BOOKING.NO_SEATS_LEFT', {})).body).to.not.have.property('seatsLeft');
    expect((problemResponse(EXAMPLES['BOOKING.ILLEGAL_TRANSITION'][0]).body as { detail: string }).detail).to.contain('rejected').and.contain('accepted');
    expect((problemResponse(EXAMPLES['ANNOUNCEMENT.FINAL'][0]).body as { detail: string }).detail).to.contain('done');
    expect((problemResponse(EXAMPLES['SCHEDULE.CONFLICT'][0]).body as { detail: string }).detail).to.contain('attend');
    expect((problemResponse(domainError('SCHEDULE.CONFLICT', { as: 'host' })).body as { detail: string }).detail).to.contain('host');
  });

  it('points a rating, a block, a report and an attendance refusal at the field to change', () => {
    const errorsOf = (error: ApplicationError) => (problemResponse(error).body as { errors?: unknown }).errors;
    expect(errorsOf(EXAMPLES['RATING.INVALID'][0])).to.deep.equal([{ in: 'body', path: 'score', message: 'from 1 to 5' }]);
    expect(errorsOf(EXAMPLES['REPORT.INVALID'][0])).to.deep.equal([{ in: 'body', path: 'reason', message: 'unknown' }]);
    expect(errorsOf(EXAMPLES['BLOCK.SELF'][0])).to.deep.equal([{ in: 'body', path: 'userId', message: 'is you' }]);
    expect(errorsOf(EXAMPLES['ATTENDANCE.NOT_A_GUEST'][0]))
      .to.deep.equal([{ in: 'path', path: 'guestId', message: 'must be an accepted guest of this screening' }]);
    expect(errorsOf(domainError('RATING.NOT_A_RATEE', { as: 'host' }))).to.deep.equal([{ in: 'body', path: 'rateeId', message: 'must be an accepted guest' }]);
    expect(errorsOf(domainError('RATING.NOT_A_RATEE', { as: 'guest' }))).to.deep.equal([{ in: 'body', path: 'rateeId', message: 'must be the host' }]);
  });

  it('says why a screening cannot be rated or marked yet, cancelled apart from not over', () => {
    const said = (error: ApplicationError) => problemResponse(error).body as { detail: string; screeningStatus?: string };
    expect(said(domainError('RATING.NOT_YET', { status: 'cancelled' }))).to.include({
      detail: 'The screening was cancelled: there is nothing to rate.', screeningStatus: 'cancelled',
    });
    expect(said(domainError('RATING.NOT_YET', { status: 'open' }))).to.include({ detail: 'Ratings open when the screening is over.', screeningStatus: 'open' });
    expect(said(domainError('ATTENDANCE.NOT_YET', { status: 'cancelled' }))).to.include({
      detail: 'The screening was cancelled: nobody attended it.', screeningStatus: 'cancelled',
    });
    expect(said(domainError('ATTENDANCE.NOT_YET', { status: 'closed' }))).to.include({
      detail: 'Attendance is marked once the screening is over.', screeningStatus: 'closed',
    });
    expect(said(domainError('RATING.NOT_A_RATEE', { as: 'host' })).detail).to.equal('As the host you rate the guests whose booking was accepted.');
    expect(said(domainError('INVITE.CLOSED', { status: 'closed' }))).to.include({ detail: 'The screening has started: nobody new is invited.', screeningStatus: 'closed' });
    expect(said(domainError('INVITE.CLOSED', { status: 'cancelled' }))).to.include({ detail: 'The screening is cancelled: nobody new is invited.', screeningStatus: 'cancelled' });
    expect(said(domainError('RATING.NOT_A_RATEE', { as: 'guest' })).detail).to.equal('As a guest you rate the host of the screening.');
  });
});
