import type { ApplicationError, StoredResponse } from '../../application/index.js';
import { problemBody, PROBLEM_CONTENT_TYPE, type Problem } from './problem.js';

const assertNever = (value: never): never => {
  throw new Error(`unmapped error ${JSON.stringify(value)}`);
};

export type ErrorCode = ApplicationError['code'];

/**
 * The status RULES §2, §3 and §6 give each expected failure of the core: one table, read by
 * the answers and by the OpenAPI document alike. Complete by type.
 */
export const STATUS_OF: { readonly [C in ErrorCode]: number } = {
  'ANNOUNCEMENT.INVALID': 422,
  'ANNOUNCEMENT.NOT_FOUND': 404,
  'ANNOUNCEMENT.NOT_HOST': 403,
  'ANNOUNCEMENT.STARTS_IN_PAST': 422,
  'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN': 409,
  'ANNOUNCEMENT.FINAL': 409,
  'ANNOUNCEMENT.VERSION_MISMATCH': 412,
  'ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT': 409,
  'MOVIE.UNKNOWN': 422,
  'MOVIE.NOT_FOUND': 404,
  'SCHEDULE.CONFLICT': 409,
  'BOOKING.INVALID': 422,
  'BOOKING.NOT_FOUND': 404,
  'BOOKING.OWN_ANNOUNCEMENT': 403,
  'BOOKING.NO_SEATS_LEFT': 409,
  'BOOKING.ALREADY_BOOKED': 409,
  'BOOKING.NOT_OPEN': 409,
  'BOOKING.FORBIDDEN': 403,
  'BOOKING.ILLEGAL_TRANSITION': 409,
  'RATING.INVALID': 400,
  'RATING.FORBIDDEN': 403,
  'RATING.NOT_YET': 409,
  'RATING.WINDOW_CLOSED': 409,
  'RATING.NOT_A_RATEE': 422,
  'RATING.ALREADY_RATED': 409,
  'RATING.NOT_FOUND': 404,
  'PAGE.INVALID_CURSOR': 400,
  'CALENDAR_FEED.NOT_FOUND': 404,
  'BLOCK.SELF': 422,
  'REPORT.INVALID': 400,
  'REPORT.ALREADY_OPEN': 409,
  'REPORT.SUBJECT_NOT_FOUND': 404,
  'ATTENDANCE.NOT_A_GUEST': 422,
  'ATTENDANCE.NOT_YET': 409,
  'ATTENDANCE.WINDOW_CLOSED': 409,
  'INVITE.NOT_FOUND': 404,
  'INVITE.GONE': 410,
  'INVITE.CLOSED': 409,
};

/** Every expected failure of the core as the problem it is. Exhaustive by type. */
export const problemFor = (error: ApplicationError): Problem => {
  const p = (title: string, detail: string, more: Partial<Problem> = {}): Problem =>
    ({ status: STATUS_OF[error.code], code: error.code, title, detail, ...more });
  switch (error.code) {
    case 'ANNOUNCEMENT.INVALID':
      return p('The screening breaks a rule', 'Some fields break the rules of a screening.', {
        errors: error.issues.map((i) => ({ in: 'body', ...i })),
      });
    case 'ANNOUNCEMENT.NOT_FOUND':
      return p('No such screening', 'There is no screening with this id that you can see.');
    case 'ANNOUNCEMENT.NOT_HOST':
      return p('Only the host may do this', 'Only the host of a screening may change, close or cancel it.');
    case 'ANNOUNCEMENT.STARTS_IN_PAST':
      return p('Start time is in the past', 'A screening must start in the future.', {
        errors: [{ in: 'body', path: 'startsAt', message: 'must be in the future' }],
      });
    case 'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN':
      return p('Capacity below seats taken', `${error.seatsTaken} seats are already taken; capacity cannot go below that.`, {
        extra: { seatsTaken: error.seatsTaken },
      });
    case 'ANNOUNCEMENT.FINAL':
      return p('The screening is over', `The screening is ${error.status}; it can no longer change.`);
    case 'ANNOUNCEMENT.VERSION_MISMATCH':
      return p('The screening has changed', `If-Match names an old version; the current one is ${error.currentVersion}.`, {
        headers: { ETag: `"${error.currentVersion}"` }, extra: { currentVersion: error.currentVersion },
      });
    case 'ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT':
      return p('A guest cannot make the new time', 'At the new time a guest of this screening is already busy elsewhere.');
    case 'MOVIE.UNKNOWN':
      return p('Unknown film', `The film catalogue does not know the film ${error.movieId}.`, {
        errors: [{ in: 'body', path: 'movieId', message: 'unknown film' }],
      });
    case 'MOVIE.NOT_FOUND':
      return p('No such film', `The film catalogue does not know the film ${error.movieId}.`);
    case 'SCHEDULE.CONFLICT':
      return p('Overlaps another screening', `You already ${error.as === 'host' ? 'host' : 'attend'} a screening at that time.`, {
        ...(error.announcementId ? { extra: { conflictingAnnouncementId: error.announcementId } } : {}),
      });
    case 'BOOKING.INVALID':
      return p('The booking breaks a rule', 'Some fields break the rules of a booking.', {
        errors: error.issues.map((i) => ({ in: 'body', ...i })),
      });
    case 'BOOKING.NOT_FOUND':
      return p('No such booking', 'There is no booking with this id.');
    case 'BOOKING.OWN_ANNOUNCEMENT':
      return p('You host this screening', 'A host cannot book a seat at their own screening.');
    case 'BOOKING.NO_SEATS_LEFT':
      return error.seatsLeft === undefined
        ? p('Not enough seats left', 'Not enough seats are left for this request.')
        : p('Not enough seats left', `Only ${error.seatsLeft} ${error.seatsLeft === 1 ? 'seat is' : 'seats are'} left.`, {
          extra: { seatsLeft: error.seatsLeft },
        });
    case 'BOOKING.ALREADY_BOOKED':
      return p('Already booked', 'You already have an active booking for this screening.');
    case 'BOOKING.NOT_OPEN':
      return p('Not taking bookings', 'The screening is closed, over, or has already started.');
    case 'BOOKING.FORBIDDEN':
      return p('Not your booking', 'Only the guest and the host of a booking may see it, and each may only do their part.');
    case 'BOOKING.ILLEGAL_TRANSITION':
      return p('Not possible now', `A ${error.from} booking cannot become ${error.to}.`);
    case 'RATING.INVALID':
      return p('The rating is not valid', 'Some fields of the rating are not valid.', {
        errors: error.issues.map((i) => ({ in: 'body', ...i })),
      });
    case 'RATING.FORBIDDEN':
      return p('Only participants rate', 'Only the host and the accepted guests of a screening rate each other.');
    case 'RATING.NOT_YET':
      return p('Not over yet', error.status === 'cancelled'
        ? 'The screening was cancelled: there is nothing to rate.'
        : 'Ratings open when the screening is over.', { extra: { screeningStatus: error.status } });
    case 'RATING.WINDOW_CLOSED':
      return p('Too late to rate', 'Ratings are given and changed within 14 days of the end of the screening.');
    case 'RATING.NOT_A_RATEE':
      return p('Not someone you can rate here', error.as === 'host'
        ? 'As the host you rate the guests whose booking was accepted.'
        : 'As a guest you rate the host of the screening.', {
        errors: [{ in: 'body', path: 'rateeId', message: error.as === 'host' ? 'must be an accepted guest' : 'must be the host' }],
      });
    case 'RATING.ALREADY_RATED':
      return p('Already rated', 'You rated this person for this screening already; change it with PUT …/ratings/{rateeId}.');
    case 'RATING.NOT_FOUND':
      return p('No such rating', 'You have not rated this person for this screening.');
    case 'PAGE.INVALID_CURSOR':
      return p('Invalid cursor', 'The cursor was not given out for this list.', {
        errors: [{ in: 'query', path: 'cursor', message: 'not a cursor of this list' }],
      });
    case 'CALENDAR_FEED.NOT_FOUND':
      return p('No such calendar feed', 'This calendar URL is unknown or was replaced by a newer one.');
    case 'BLOCK.SELF':
      return p('You cannot block yourself', 'Block someone else.', { errors: [{ in: 'body', path: 'userId', message: 'is you' }] });
    case 'REPORT.INVALID':
      return p('The report is not valid', 'Some fields of the report are not valid.', { errors: error.issues.map((i) => ({ in: 'body', ...i })) });
    case 'REPORT.ALREADY_OPEN':
      return p('Already reported', 'You have an open report about this already; the platform is looking into it.');
    case 'REPORT.SUBJECT_NOT_FOUND':
      return p('Nothing to report there', 'There is no such person, screening or booking that you can see.');
    case 'ATTENDANCE.NOT_A_GUEST':
      return p('Not a guest of this screening', 'Attendance is marked for guests whose booking was accepted.', {
        errors: [{ in: 'path', path: 'guestId', message: 'must be an accepted guest of this screening' }],
      });
    case 'ATTENDANCE.NOT_YET':
      return p('Attendance comes after the screening', error.status === 'cancelled'
        ? 'The screening was cancelled: nobody attended it.'
        : 'Attendance is marked once the screening is over.', { extra: { screeningStatus: error.status } });
    case 'ATTENDANCE.WINDOW_CLOSED':
      return p('Too late to mark attendance', 'Attendance is marked within 14 days of the end of the screening.');
    case 'INVITE.NOT_FOUND':
      return p('No such invite link', 'This invite link is unknown.');
    case 'INVITE.GONE':
      return p('Invite link no longer valid', 'The host revoked this invite link, or the screening has started.');
    case 'INVITE.CLOSED':
      return p('Invitations are closed', error.status === 'open' || error.status === 'closed'
        ? 'The screening has started: nobody new is invited.'
        : `The screening is ${error.status}: nobody new is invited.`, { extra: { screeningStatus: error.status } });
    default:
      return assertNever(error);
  }
};

/** A refusal of the core as the HTTP answer it is (and the one an Idempotency-Key replays). */
export const problemResponse = (error: ApplicationError): StoredResponse => {
  const p = problemFor(error);
  return { status: p.status, headers: { ...p.headers, 'Content-Type': PROBLEM_CONTENT_TYPE }, body: problemBody(p) };
};
