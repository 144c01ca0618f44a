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

    describe('IdempotencyStore', () => {
      const scope = { userId: USERS.guest, key: 'k-1', fingerprint: 'f-1' };
      const response = { status: 201, headers: { Location: '/x' }, body: { id: 'x' } };

      it('claims a new key, then replays its answer', async () => {
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'claimed' });
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'in-progress', retryAfterMs: 60_000 });
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(45_000) })).to.deep.equal({ state: 'in-progress', retryAfterMs: 15_000 });
        await storage.idempotency.complete(scope, response);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'replay', response });
      });

      it('keeps any answer it is given, even text a database column would refuse', async () => {
        const odd = { status: 409, headers: {}, body: { detail: 'nul \u0000, lone \ud800, emoji 🎬' } };
        await storage.idempotency.claim(scope, TIMING);
        await storage.idempotency.complete(scope, odd);
        expect(await storage.idempotency.claim(scope, TIMING)).to.deep.equal({ state: 'replay', response: odd });
      });

      it('refuses the same key for another request, and keeps users apart', async () => {
        await storage.idempotency.claim(scope, TIMING);
        expect(await storage.idempotency.claim({ ...scope, fingerprint: 'f-2' }, TIMING)).to.deep.equal({ state: 'mismatch' });
        expect(await storage.idempotency.claim({ ...scope, userId: USERS.host }, TIMING)).to.deep.equal({ state: 'claimed' });
      });

      it('forgets answers after the TTL, abandoned claims after the lease, and released claims at once', async () => {
        await storage.idempotency.claim(scope, TIMING);
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(61_000) })).to.deep.equal({ state: 'claimed' });
        await storage.idempotency.complete(scope, response);
        expect((await storage.idempotency.claim(scope, { ...TIMING, now: at(DAY - 1000) })).state).to.equal('replay');
        expect(await storage.idempotency.claim(scope, { ...TIMING, now: at(2 * DAY) })).to.deep.equal({ state: 'claimed' });
        await storage.idempotency.release(scope);
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
