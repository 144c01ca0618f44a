import { expect } from 'chai';
import {
  changeRating, giveRating, notificationIntents, rateesOf, ratingDeadline, RATING_WINDOW_DAYS,
  type DomainError, type RatingOccasion,
} from '../../src/domain/index.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

/** A 90-minute screening at T0 that ended at T0 + 1.5 h; the guest and the friend were accepted. */
const occasion = (status: 'open' | 'done' | 'cancelled' = 'done'): RatingOccasion => ({
  announcement: { id: 'a-1', hostId: USERS.host, status, startsAt: at(0), durationMinutes: 90 },
  acceptedGuests: [USERS.guest, USERS.friend],
});
const AFTER = at(2 * HOUR);
/** The field paths of a RATING.INVALID refusal. */
const paths = (e: DomainError): string[] => (e.code === 'RATING.INVALID' ? e.issues.map((i) => i.path) : []);
const code = (r: { isErr(): boolean; _unsafeUnwrapErr(): DomainError }) => (r.isErr() ? r._unsafeUnwrapErr().code : 'OK');

describe('Ratings (RULES §5)', () => {
  it('lets a guest rate the host, as host, after the screening is done', () => {
    const rating = giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 4, comment: 'Great sound' }, null, AFTER);
    expect(rating._unsafeUnwrap()).to.deep.equal({
      announcementId: 'a-1', raterId: USERS.guest, rateeId: USERS.host, as: 'host', score: 4, comment: 'Great sound', createdAt: AFTER, updatedAt: AFTER,
    });
  });

  it('lets the host rate each accepted guest, as guest', () => {
    expect(rateesOf(occasion(), USERS.host)).to.deep.equal([{ rateeId: USERS.guest, as: 'guest' }, { rateeId: USERS.friend, as: 'guest' }]);
    expect(giveRating(occasion(), { raterId: USERS.host, rateeId: USERS.friend, score: 5 }, null, AFTER)._unsafeUnwrap()).to.include({ as: 'guest', comment: null });
  });

  it('refuses anyone who took no part (403)', () => {
    expect(code(giveRating(occasion(), { raterId: USERS.stranger, rateeId: USERS.host, score: 5 }, null, AFTER))).to.equal('RATING.FORBIDDEN');
  });

  it('refuses before the end, and for a cancelled screening (409)', () => {
    expect(code(giveRating(occasion('open'), { raterId: USERS.guest, rateeId: USERS.host, score: 5 }, null, at(HOUR)))).to.equal('RATING.NOT_YET');
    expect(code(giveRating(occasion('cancelled'), { raterId: USERS.guest, rateeId: USERS.host, score: 5 }, null, AFTER))).to.equal('RATING.NOT_YET');
  });

  it('refuses a second rating of the same person (409)', () => {
    const first = giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 5 }, null, AFTER)._unsafeUnwrap();
    expect(code(giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 1 }, first, AFTER))).to.equal('RATING.ALREADY_RATED');
  });

  it('refuses scores outside 1–5 and overlong comments (400), naming the field', () => {
    for (const score of [0, 6, 2.5, Number.NaN]) {
      const result = giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score }, null, AFTER);
      expect(result._unsafeUnwrapErr()).to.deep.include({ code: 'RATING.INVALID' });
      expect(paths(result._unsafeUnwrapErr())).to.deep.equal(['score']);
    }
    const long = giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 3, comment: 'x'.repeat(1001) }, null, AFTER);
    expect(paths(long._unsafeUnwrapErr())).to.deep.equal(['comment']);
    expect(giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 3, comment: 'x'.repeat(1000) }, null, AFTER).isOk()).to.equal(true);
    const issuesOf = (result: ReturnType<typeof giveRating>) => {
      const e = result._unsafeUnwrapErr();
      return e.code === 'RATING.INVALID' ? e.issues : [];
    };
    expect(issuesOf(giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 0, comment: 'nul \u0000' }, null, AFTER))).to.deep.equal([
      { path: 'score', message: 'must be a whole number from 1 to 5' },
      { path: 'comment', message: 'must not contain NUL characters' },
    ]);
    expect(issuesOf(long)).to.deep.equal([{ path: 'comment', message: 'at most 1000 characters' }]);
  });

  it('refuses guests rating guests, the host rating a stranger, and anyone rating themself (422)', () => {
    expect(code(giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.friend, score: 5 }, null, AFTER))).to.equal('RATING.NOT_A_RATEE');
    expect(code(giveRating(occasion(), { raterId: USERS.host, rateeId: USERS.stranger, score: 5 }, null, AFTER))).to.equal('RATING.NOT_A_RATEE');
    expect(code(giveRating(occasion(), { raterId: USERS.host, rateeId: USERS.host, score: 5 }, null, AFTER))).to.equal('RATING.NOT_A_RATEE');
    // The refusal says in which role the rater rates, so the answer can say whom they may rate.
    expect(giveRating(occasion(), { raterId: USERS.host, rateeId: USERS.stranger, score: 5 }, null, AFTER)._unsafeUnwrapErr()).to.deep.equal({ code: 'RATING.NOT_A_RATEE', as: 'host' });
    expect(giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.friend, score: 5 }, null, AFTER)._unsafeUnwrapErr()).to.deep.equal({ code: 'RATING.NOT_A_RATEE', as: 'guest' });
    expect(giveRating(occasion('cancelled'), { raterId: USERS.guest, rateeId: USERS.host, score: 5 }, null, AFTER)._unsafeUnwrapErr()).to.deep.equal({ code: 'RATING.NOT_YET', status: 'cancelled' });
  });

  it('gives and changes ratings until 14 days after the end, not after', () => {
    const deadline = ratingDeadline(occasion().announcement);
    expect(deadline).to.deep.equal(at(90 * 60_000 + RATING_WINDOW_DAYS * DAY));
    const given = giveRating(occasion(), { raterId: USERS.guest, rateeId: USERS.host, score: 2 }, null, AFTER)._unsafeUnwrap();
    const changed = changeRating(occasion(), given, { score: 5, comment: 'On reflection, lovely' }, deadline)._unsafeUnwrap();
    expect(changed).to.include({ score: 5, comment: 'On reflection, lovely', createdAt: AFTER, updatedAt: deadline });
    const late = new Date(deadline.getTime() + 1);
    expect(code(changeRating(occasion(), given, { score: 5 }, late))).to.equal('RATING.WINDOW_CLOSED');
    expect(code(giveRating(occasion(), { raterId: USERS.friend, rateeId: USERS.host, score: 5 }, null, late))).to.equal('RATING.WINDOW_CLOSED');
  });

  it('asks the host and every accepted guest to rate when a screening with guests completes, and nobody when it had none', () => {
    const completed = { type: 'AnnouncementCompleted', announcementId: 'a-1' } as const;
    const intents = notificationIntents(completed, { hostId: USERS.host, participants: [USERS.guest], applicants: [USERS.other] });
    expect(intents).to.deep.equal([
      { type: 'rating.requested', recipientId: USERS.host, announcementId: 'a-1' },
      { type: 'rating.requested', recipientId: USERS.guest, announcementId: 'a-1' },
    ]);
    expect(notificationIntents(completed, { hostId: USERS.host, participants: [], applicants: [USERS.other] })).to.deep.equal([]);
  });
});
