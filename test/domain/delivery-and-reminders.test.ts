import { expect } from 'chai';
import { DEFAULT_RETRY_POLICY, dueReminders, isLastAttempt, notificationIntents, retryDelayMs, toMessage } from '../../src/domain/index.js';
import { at, HOUR, T0, USERS } from '../support/fixtures.js';

describe('Retrying a delivery', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

  it('backs off exponentially, half fixed and half jitter, and never beyond the cap', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 0, policy))).to.deep.equal([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 0.999999, policy))).to.deep.equal([1000, 2000, 4000, 8000]);
    expect(retryDelayMs(1, 0.5, policy)).to.equal(750);
    expect(retryDelayMs(20, 0.999999, policy)).to.equal(60_000);
    expect(retryDelayMs(20, 0, policy)).to.equal(30_000);
  });

  it('parks a message after its last attempt', () => {
    expect([4, 5, 6].map((attempt) => isLastAttempt(attempt, policy))).to.deep.equal([false, true, true]);
    expect(DEFAULT_RETRY_POLICY).to.deep.equal({ maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 300_000 });
  });

  it('hands the notification service the message alone, not the outbox’s reminder key', () => {
    const message = { id: 'n', type: 'announcement.reminder_1h' as const, recipientId: 'r', announcementId: 'a', link: 'l', title: 't', body: 'b', createdAt: T0 };
    expect(toMessage({ ...message, reminderFor: at(HOUR) })).to.deep.equal(message);
  });
});

describe('Reminders (RULES §4)', () => {
  const start = at(3 * 24 * HOUR);
  const screening = (o: Partial<Parameters<typeof dueReminders>[0]> = {}) => ({ status: 'open' as const, startsAt: start, startSetAt: T0, ...o });
  const due = (now: Date, o = {}) => dueReminders(screening(o), now);
  const before = (ms: number) => new Date(start.getTime() - ms);

  it('is due from its moment on, not a moment before', () => {
    expect(due(before(24 * HOUR + 1))).to.deep.equal([]);
    expect(due(before(24 * HOUR))).to.deep.equal(['announcement.reminder_24h']);
    expect(due(before(HOUR + 1))).to.deep.equal(['announcement.reminder_24h']);
    expect(due(before(HOUR))).to.deep.equal(['announcement.reminder_1h']);
  });

  it('is still due after its moment passed while nobody was running, until the screening starts', () => {
    expect(due(before(5 * HOUR))).to.deep.equal(['announcement.reminder_24h']);
    expect(due(before(1))).to.deep.equal(['announcement.reminder_1h']);
    expect(due(start)).to.deep.equal([]);
    expect(due(new Date(start.getTime() + HOUR))).to.deep.equal([]);
  });

  it('gives the 24-hour reminder up for the 1-hour one once both are due: nobody is told “tomorrow” an hour before', () => {
    expect(due(before(30 * 60_000))).to.deep.equal(['announcement.reminder_1h']);
  });

  it('is not due for a cancelled or done screening, but is for a closed one', () => {
    expect(due(before(HOUR), { status: 'cancelled' })).to.deep.equal([]);
    expect(due(before(HOUR), { status: 'done' })).to.deep.equal([]);
    expect(due(before(HOUR), { status: 'closed' })).to.deep.equal(['announcement.reminder_1h']);
  });

  it('is not due when its moment came before the start was set: announced or moved less than a day (an hour) ahead', () => {
    expect(due(before(HOUR + 1), { startSetAt: before(23 * HOUR) })).to.deep.equal([]);
    expect(due(before(HOUR), { startSetAt: before(23 * HOUR) })).to.deep.equal(['announcement.reminder_1h']);
    expect(due(before(HOUR), { startSetAt: before(61 * 60_000) })).to.deep.equal(['announcement.reminder_1h']);
    expect(due(before(HOUR), { startSetAt: before(59 * 60_000) })).to.deep.equal([]);
    expect(due(before(24 * HOUR), { startSetAt: before(24 * HOUR) })).to.deep.equal(['announcement.reminder_24h']);
  });

  it('goes to the host and the accepted guests, not the applicants', () => {
    const intents = notificationIntents({ type: 'ReminderDue', announcementId: 'a', reminder: 'announcement.reminder_1h' },
      { hostId: USERS.host, participants: [USERS.guest, USERS.friend], applicants: [USERS.other] });
    expect(intents).to.deep.equal([USERS.host, USERS.guest, USERS.friend].map((recipientId) => ({ type: 'announcement.reminder_1h', recipientId, announcementId: 'a' })));
  });
});
