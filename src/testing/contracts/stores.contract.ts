import { expect } from 'chai';
import { ok } from 'neverthrow';
import type { Notification } from '../../domain/index.js';
import { at, DAY, HOUR, T0, USERS } from '../fixtures.js';
import type { ContractSubject, PortsUnderTest } from '../contract-subject.js';
import { globalTestApi, type TestApi } from '../test-api.js';
import { aBooking, anAnnouncement, id } from '../states.js';

const TIMING = { now: T0, ttlMs: DAY, leaseMs: 60_000 };

export const storeContract = (subject: ContractSubject, { describe, it, beforeEach, afterEach }: TestApi = globalTestApi()): void => {
  describe(`Store contracts on ${subject.name}`, () => {
    let storage: PortsUnderTest;
    beforeEach(async () => { storage = await subject.open(); });
    afterEach(() => storage.close());

    describe('Outbox and Inbox', () => {
      const note = (recipientId: string, createdAt: Date, bookingId?: string): Notification => ({
        id: id(), type: bookingId ? 'booking.created' : 'announcement.updated', recipientId, announcementId: id(),
        ...(bookingId ? { bookingId } : {}), link: 'http://wt.test/s/x', title: 'T', body: 'B', createdAt,
      });

      it('keeps every field and lists a recipient’s notifications newest first, by page', async () => {
        const notes = [note(USERS.host, at(1)), note(USERS.host, at(3), id()), note(USERS.guest, at(2)), note(USERS.host, at(3))];
        await storage.uow.transaction(async (s) => ok(await s.outbox.append(notes)));
        const mine = await storage.inbox.of(USERS.host, 10);
        expect(mine.map((n) => n.id)).to.deep.equal([notes[3]!.id, notes[1]!.id, notes[0]!.id]);
        expect(mine[1]).to.deep.equal(notes[1]);
        const last = mine[0]!;
        expect((await storage.inbox.of(USERS.host, 10, { createdAt: last.createdAt.toISOString(), id: last.id })).map((n) => n.id))
          .to.deep.equal([notes[1]!.id, notes[0]!.id]);
      });

      it('counts what is newer than the read mark (time, then id), and only ever moves the mark forward', async () => {
        const twins = [id(), id()].sort();
        const notes = [note(USERS.host, at(1)), note(USERS.host, at(2)), note(USERS.guest, at(4)),
          { ...note(USERS.host, at(5)), id: twins[0]! }, { ...note(USERS.host, at(5)), id: twins[1]! }];
        await storage.uow.transaction(async (s) => ok(await s.outbox.append(notes)));
        const key = (n: Notification) => ({ createdAt: n.createdAt.toISOString(), id: n.id });
        expect([await storage.inbox.readMark(USERS.host), await storage.inbox.unreadCount(USERS.host)]).to.deep.equal([null, 4]);
        await storage.inbox.markRead(USERS.host, key(notes[1]!));
        expect([await storage.inbox.readMark(USERS.host), await storage.inbox.unreadCount(USERS.host)]).to.deep.equal([key(notes[1]!), 2]);
        await storage.inbox.markRead(USERS.host, key(notes[0]!)); // an older mark (another tab) does not move it back
        expect(await storage.inbox.readMark(USERS.host)).to.deep.equal(key(notes[1]!));
        await storage.inbox.markRead(USERS.host, key(notes[3]!)); // the first of two at the same instant
        expect(await storage.inbox.unreadCount(USERS.host)).to.equal(1);
        await storage.inbox.markRead(USERS.host, key(notes[4]!));
        expect([await storage.inbox.unreadCount(USERS.host), await storage.inbox.unreadCount(USERS.guest)]).to.deep.equal([0, 1]);
      });
    });

    describe('BookingQueries', () => {
      it('lists a user’s bookings as guest, host or both, newest first, with their screening', async () => {
        const mine = anAnnouncement({ startsAt: at(DAY) });
        const theirs = anAnnouncement({ hostId: USERS.other, startsAt: at(2 * DAY), seatsTaken: 1 });
        const asHost = aBooking(mine.snapshot(), { createdAt: at(HOUR) });
        const asGuest = aBooking(theirs.snapshot(), { guestId: USERS.host, status: 'accepted', createdAt: at(2 * HOUR) });
        const saved = await storage.uow.transaction(async (s) => {
          for (const a of [mine, theirs]) await s.announcements.save(a, true);
          for (const b of [asHost, asGuest]) await s.bookings.save(b, true);
          return ok(undefined);
        });
        expect(saved.isOk()).to.equal(true);
        const all = await storage.bookingQueries.ofUser({ userId: USERS.host, limit: 10 });
        expect(all.map((r) => r.booking.id)).to.deep.equal([asGuest.id, asHost.id]);
        expect(all[0]!.announcement).to.deep.equal(theirs.snapshot());
        expect((await storage.bookingQueries.ofUser({ userId: USERS.host, role: 'host', limit: 10 })).map((r) => r.booking.id)).to.deep.equal([asHost.id]);
        expect((await storage.bookingQueries.ofUser({ userId: USERS.host, status: 'accepted', limit: 10 })).map((r) => r.booking.id)).to.deep.equal([asGuest.id]);
        const after = { createdAt: at(2 * HOUR).toISOString(), id: asGuest.id };
        expect((await storage.bookingQueries.ofUser({ userId: USERS.host, limit: 10, after })).map((r) => r.booking.id)).to.deep.equal([asHost.id]);
      });
    });

    describe('OutboxDelivery (the dispatcher’s queue)', () => {
      const MINUTE = 60_000;
      const notes = (count: number, from = 0): Notification[] => Array.from({ length: count }, (_, i) => ({
        id: id(), type: 'booking.created', recipientId: USERS.host, announcementId: id(), bookingId: id(), link: 'http://wt.test/s/x',
        title: `T${i}`, body: 'B', createdAt: at(from + i * 1000),
      }));
      const append = (list: Notification[]) => storage.uow.transaction(async (s) => ok(await s.outbox.append(list)));
      const claimIds = async (now: Date, limit = 10, leaseMs = MINUTE) => (await storage.outboxDelivery.claimDue(now, limit, leaseMs)).map((c) => c.notification.id);

      it('hands out what is due, oldest first, each with its attempt number, and leases it', async () => {
        const list = notes(3);
        await append(list);
        const claimed = await storage.outboxDelivery.claimDue(at(10_000), 2, MINUTE);
        expect(claimed.map((c) => [c.notification.id, c.attempt])).to.deep.equal([[list[0]!.id, 1], [list[1]!.id, 1]]);
        expect(claimed[0]!.notification).to.deep.equal(list[0]);
        expect(await claimIds(at(10_000))).to.deep.equal([list[2]!.id]);
        expect(await claimIds(at(20_000))).to.deep.equal([]);
        // The leases ran out (the dispatcher died): due again, as second attempts.
        const again = await storage.outboxDelivery.claimDue(at(10_000 + MINUTE), 10, MINUTE);
        expect(again.map((c) => [c.notification.id, c.attempt])).to.deep.equal(list.map((n) => [n.id, 2]));
      });

      it('hands nothing out before it was written, and never to two claimants at once', async () => {
        const list = notes(20, HOUR);
        await append(list);
        expect(await claimIds(T0)).to.deep.equal([]);
        const claims = await Promise.all([1, 2, 3, 4].map(() => claimIds(at(2 * HOUR), 6)));
        const all = claims.flat();
        expect(new Set(all).size).to.equal(all.length);
        expect(all.sort()).to.deep.equal(list.map((n) => n.id).sort());
      });

      it('forgets what was delivered, waits with what is retried, and keeps what is parked as dead', async () => {
        const [done, later, dead] = notes(3);
        await append([done!, later!, dead!]);
        await claimIds(at(5000));
        await storage.outboxDelivery.markDelivered([done!.id], at(6000));
        await storage.outboxDelivery.retryLater(later!.id, 'HTTP 503', at(30_000));
        await storage.outboxDelivery.park(dead!.id, 'HTTP 400', at(6000));
        expect(await claimIds(at(29_000))).to.deep.equal([]);
        expect(await claimIds(at(30_000))).to.deep.equal([later!.id]);
        expect(await storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: later!.createdAt, dead: 1 });
        // Late answers change nothing: a delivered message is not parked, a parked one not delivered.
        await storage.outboxDelivery.park(done!.id, 'late', at(40_000));
        await storage.outboxDelivery.markDelivered([dead!.id], at(40_000));
        await storage.outboxDelivery.markDelivered([later!.id], at(40_000));
        expect(await storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 1 });
        expect((await storage.inbox.of(USERS.host, 10)).map((n) => n.id).sort()).to.deep.equal([done!.id, later!.id, dead!.id].sort());
      });

      it('keeps one reminder per person, kind and start time, and skips a second without failing the change', async () => {
        const reminder = (recipientId: string, reminderFor: Date): Notification => ({
          id: id(), type: 'announcement.reminder_1h', recipientId, announcementId: USERS.stranger, link: 'l', title: 't', body: 'b', createdAt: T0, reminderFor,
        });
        await append([reminder(USERS.host, at(DAY)), reminder(USERS.guest, at(DAY))]);
        const again = await append([reminder(USERS.host, at(DAY)), reminder(USERS.host, at(2 * DAY))]);
        expect(again.isOk()).to.equal(true);
        const kept = await storage.inbox.of(USERS.host, 10);
        expect(kept).to.have.length(2);
        expect(kept.every((n) => !('reminderFor' in n))).to.equal(false);
        expect((await claimIds(at(HOUR), 10)).length).to.equal(3);
      });
    });

    describe('ReminderQueries', () => {
      const save = (...items: Array<{ kind: 'a'; value: ReturnType<typeof anAnnouncement> } | { kind: 'b'; value: ReturnType<typeof aBooking> }>) =>
        storage.uow.transaction(async (s) => {
          for (const item of items) {
            const saved = item.kind === 'a' ? await s.announcements.save(item.value, true) : await s.bookings.save(item.value, true);
            if (saved.isErr()) return saved;
          }
          return ok(undefined);
        });

      it('finds the screenings with a reminder due that a participant lacks, and no others', async () => {
        const due = anAnnouncement({ startsAt: at(DAY + HOUR), seatsTaken: 1 });
        const later = anAnnouncement({ hostId: USERS.other, startsAt: at(3 * DAY) });
        const cancelled = anAnnouncement({ hostId: USERS.friend, startsAt: at(DAY), status: 'cancelled' });
        const tooLate = anAnnouncement({ hostId: USERS.stranger, startsAt: at(DAY + HOUR), startSetAt: at(2 * HOUR) });
        const guest = aBooking(due.snapshot(), { status: 'accepted' });
        const saved = await save({ kind: 'a', value: due }, { kind: 'a', value: later }, { kind: 'a', value: cancelled }, { kind: 'a', value: tooLate }, { kind: 'b', value: guest });
        expect(saved.isOk()).to.equal(true);
        expect(await storage.reminders.due(at(2 * HOUR), 10)).to.deep.equal([due.id]);
        const sent = (recipientId: string): Notification => ({
          id: id(), type: 'announcement.reminder_24h', recipientId, announcementId: due.id, link: 'l', title: 't', body: 'b', createdAt: at(2 * HOUR),
          reminderFor: due.snapshot().startsAt,
        });
        await storage.uow.transaction(async (s) => ok(await s.outbox.append([sent(USERS.host)])));
        expect(await storage.reminders.due(at(2 * HOUR), 10), 'the guest still lacks it').to.deep.equal([due.id]);
        await storage.uow.transaction(async (s) => ok(await s.outbox.append([sent(USERS.guest)])));
        expect(await storage.reminders.due(at(2 * HOUR), 10)).to.deep.equal([]);
        // At DAY the 1-hour reminders are due: of both, for the one announced late too (its 24-hour one never was).
        expect(await storage.reminders.due(at(DAY), 10), 'soonest start first').to.deep.equal([due.id, tooLate.id].sort());
        expect(await storage.reminders.due(at(DAY + HOUR), 10), 'started').to.deep.equal([]);
      });
    });

    describe('IdempotencyStore', () => {
      const scope = { userId: USERS.guest, key: 'k-1', fingerprint: 'f-1' };
      const response = { status: 201, headers: { Location: '/x' }, body: { id: 'x' } };

      it('claims a new key, then replays its answer', async () => {
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'claimed' });
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'in-progress', retryAfterMs: 60_000 });
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(45_000) })).to.deep.equal({ state: 'in-progress', retryAfterMs: 15_000 });
        expect(await storage.idempotency.settle(scope, async () => response)).to.deep.equal(response);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'replay', response });
      });

      it('gives the key up when the answer is a server error or the request throws, so the client may retry', async () => {
        await storage.idempotency.claim(scope, TIMING);
        const unavailable = { status: 503, headers: { 'Retry-After': '2' }, body: null };
        expect(await storage.idempotency.settle(scope, async () => unavailable)).to.deep.equal(unavailable);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'claimed' });
        const thrown = await storage.idempotency.settle(scope, async () => { throw new Error('broken'); }).catch((error: Error) => error.message);
        expect(thrown).to.equal('broken');
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'claimed' });
      });

      it('keeps the answer of a request that wrote, and the write, whose reads inside the request saw it', async () => {
        const a = anAnnouncement();
        await storage.idempotency.claim(scope, TIMING);
        const settled = await storage.idempotency.settle(scope, async () => {
          await storage.uow.transaction(async (s) => s.announcements.save(a, true));
          const seen = await storage.uow.reads.announcements.byId(a.id);
          return { ...response, body: { id: seen?.id ?? null } };
        });
        expect(settled.body).to.deep.equal({ id: a.id });
        expect(await storage.uow.reads.announcements.byId(a.id)).to.not.equal(null);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'replay', response: settled });
      });

      it('keeps any answer it is given, even text a database column would refuse', async () => {
        const odd = { status: 409, headers: {}, body: { detail: 'nul \u0000, lone \ud800, emoji 🎬' } };
        await storage.idempotency.claim(scope, TIMING);
        await storage.idempotency.settle(scope, async () => odd);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'replay', response: odd });
      });

      it('refuses the same key for another request, and keeps users apart', async () => {
        await storage.idempotency.claim(scope, TIMING);
        expect(await storage.idempotency.claim({ ...scope, fingerprint: 'f-2' }, TIMING)).to.deep.equal({ state: 'mismatch' });
        expect(await storage.idempotency.claim({ ...scope, userId: USERS.host }, TIMING)).to.deep.equal({ state: 'claimed' });
      });

      it('forgets answers after the TTL, and abandoned claims after the lease', async () => {
        await storage.idempotency.claim(scope, TIMING);
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(61_000) })).to.deep.equal({ state: 'claimed' });
        await storage.idempotency.settle(scope, async () => response);
        expect((await storage.idempotency.claim(scope, { ...TIMING, now: at(DAY - 1000) })).state).to.equal('replay');
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(2 * DAY) })).to.deep.equal({ state: 'claimed' });
      });
    });

    describe('Short links', () => {
      it('leads a code to the announcement or booking stored with it, and nowhere else', async () => {
        const a = anAnnouncement();
        const b = aBooking(a.snapshot());
        await storage.uow.transaction(async (s) => {
          await s.announcements.save(a, true);
          return s.bookings.save(b, true);
        });
        expect(await storage.links.targetOf(a.snapshot().shortCode)).to.deep.equal({ kind: 'announcement', id: a.id });
        expect(await storage.links.targetOf(b.snapshot().shortCode)).to.deep.equal({ kind: 'booking', id: b.id });
        expect(await storage.links.targetOf('unknown0')).to.equal(null);
      });
    });
  });
};
