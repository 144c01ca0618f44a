import { expect } from 'chai';
import { err, ok, type Result } from 'neverthrow';
import { domainError, NO_RATINGS, TimeRange, type Announcement, type Booking } from '../../domain/index.js';
import { detailThrough, type DetailRead, type Stores } from '../../application/index.js';
import { at, DAY, HOUR, T0, USERS } from '../fixtures.js';
import type { ContractSubject, PortsUnderTest } from '../contract-subject.js';
import { globalTestApi, type TestApi } from '../test-api.js';
import { aBooking, anAnnouncement } from '../states.js';

export const repositoryContract = (subject: ContractSubject, { describe, it, beforeEach, afterEach }: TestApi = globalTestApi()): void => {
  describe(`Repository contracts on ${subject.name}`, () => {
    let storage: PortsUnderTest;
    beforeEach(async () => { storage = await subject.open(); });
    afterEach(() => storage.close());

    type Entity = { readonly kind: 'a'; readonly value: Announcement } | { readonly kind: 'b'; readonly value: Booking };
    const save = async (...entities: Entity[]) =>
      storage.uow.transaction(async (s) => {
        for (const e of entities) {
          const r = e.kind === 'a' ? await s.announcements.save(e.value, true) : await s.bookings.save(e.value, true);
          if (r.isErr()) return r;
        }
        return ok(undefined);
      });
    const A = (value: Announcement): Entity => ({ kind: 'a', value });
    const B = (value: Booking): Entity => ({ kind: 'b', value });

    describe('UnitOfWork', () => {
      it('commits when the work succeeds', async () => {
        const a = anAnnouncement();
        expect((await save(A(a))).isOk()).to.equal(true);
        expect((await storage.uow.reads.announcements.byId(a.id))?.snapshot()).to.deep.equal(a.snapshot());
      });

      it('rolls back everything when the work returns an error', async () => {
        const a = anAnnouncement();
        const result = await storage.uow.transaction(async (s) => {
          await s.announcements.save(a, true);
          await s.outbox.append([{ id: a.id, type: 'announcement.updated', recipientId: USERS.guest, announcementId: a.id, link: 'http://x', title: 't', body: 'b', createdAt: T0 }]);
          return err('nope');
        });
        expect(result.isErr()).to.equal(true);
        expect(await storage.uow.reads.announcements.byId(a.id)).to.equal(null);
        expect(await storage.inbox.of(USERS.guest, 10)).to.deep.equal([]);
      });

      it('never oversells: of ten transactions taking a seat at once, exactly the three seats there are commit (B2)', async () => {
        const a = anAnnouncement({ capacity: 3 });
        await save(A(a));
        const guest = (i: number) => `30000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => storage.uow.transaction(async (s) => {
          const screening = await s.announcements.byId(a.id, 'for-update');
          if (!screening) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
          const taken = screening.takeSeats(1, T0);
          if (taken.isErr()) return err(taken.error);
          const saved = await s.bookings.save(aBooking(screening.snapshot(), { guestId: guest(i), status: 'accepted' }), true);
          if (saved.isErr()) return saved;
          return s.announcements.save(screening, false);
        })));
        expect(results.filter((r) => r.isOk()), 'committed').to.have.length(3);
        expect(results.filter((r) => r.isErr()).map((r) => r._unsafeUnwrapErr())).to.deep.equal(Array(7).fill({ code: 'BOOKING.NO_SEATS_LEFT', seatsLeft: 0 }));
        expect((await storage.uow.reads.announcements.byId(a.id))?.seatsLeft).to.equal(0);
        expect(await storage.uow.reads.bookings.ofAnnouncement(a.id, ['accepted'])).to.have.length(3);
      });

      it('rolls back when the work throws, and rethrows', async () => {
        const a = anAnnouncement();
        let caught: unknown;
        try {
          await storage.uow.transaction(async (s) => { await s.announcements.save(a, true); throw new Error('boom'); });
        } catch (error) { caught = error; }
        expect((caught as Error).message).to.equal('boom');
        expect(await storage.uow.reads.announcements.byId(a.id)).to.equal(null);
      });

      it('reads together what is issued together, each answer as it would be alone', async () => {
        const a = anAnnouncement({ capacity: 3 });
        await save(A(a));
        expect((await storage.uow.transaction(async (s) => {
          await s.blocks.add({ blockerId: USERS.host, blockedId: USERS.stranger, createdAt: T0 });
          const screening = (await s.announcements.byId(a.id, 'for-update'))!;
          screening.takeSeats(1, T0);
          await s.bookings.save(aBooking(screening.snapshot(), { guestId: USERS.guest, status: 'accepted' }), true);
          await s.announcements.saveSeats(screening);
          return ok(undefined);
        })).isOk()).to.equal(true);
        const missing = anAnnouncement().id;
        const [blocked, notBlocked, nowhere, ratings, none, screening] = await storage.uow.readTogether((r) => Promise.all([
          r.blocks.withHostOf(USERS.stranger, a.id), r.blocks.withHostOf(USERS.guest, a.id), r.blocks.withHostOf(USERS.stranger, missing),
          r.ratings.ofParticipants(a.id), r.ratings.ofParticipants(missing), r.announcements.byId(a.id),
        ]));
        expect([blocked, notBlocked, nowhere]).to.deep.equal([true, false, false]);
        expect([...ratings.keys()].sort()).to.deep.equal([USERS.host, USERS.guest].sort());
        expect(ratings.get(USERS.guest)).to.deep.equal(NO_RATINGS);
        expect(none.size).to.equal(0);
        expect(screening?.snapshot()).to.include({ seatsTaken: 1, version: a.snapshot().version + 1 });
      });
    });

    describe('DetailReader', () => {
      /** A read as plain data; the waitlist only where the viewer's own booking waits (the port leaves it out otherwise). */
      const plain = (d: DetailRead) => ({
        announcement: d.announcement?.snapshot() ?? null, myBooking: d.myBooking?.snapshot() ?? null, blocked: d.blocked, invitation: d.invitation,
        guests: d.parts.guests, ratings: [...d.parts.ratings].sort(([x], [y]) => x.localeCompare(y)),
        waiting: d.myBooking?.status === 'waitlisted' ? d.parts.waiting.map((b) => b.snapshot()) : [],
      });

      it('reads what the repositories read, for every kind of viewer, as one consistent answer', async () => {
        const a = anAnnouncement({ capacity: 2, seatsTaken: 2 });
        const waits = (guestId: string, minutes: number) => B(aBooking(a.snapshot(), { guestId, status: 'waitlisted', seats: 1, createdAt: at(minutes * 60_000) }));
        const first = waits(USERS.other, 5);
        expect((await save(A(a), B(aBooking(a.snapshot(), { guestId: USERS.guest, status: 'accepted', seats: 2 })), waits(USERS.friend, 7), first)).isOk()).to.equal(true);
        expect((await storage.uow.transaction(async (s) => {
          await s.blocks.add({ blockerId: USERS.stranger, blockedId: USERS.host, createdAt: T0 });
          await s.invites.add({ id: '20000000-0000-4000-8000-000000000001', announcementId: a.id, createdBy: USERS.host, createdAt: T0, revokedAt: null }, 'a'.repeat(64));
          await s.invites.invite(a.id, USERS.friend, '20000000-0000-4000-8000-000000000001', T0);
          await s.invites.revoke('20000000-0000-4000-8000-000000000001', T0);
          await s.invites.invite(a.id, USERS.other, null, T0);
          return s.ratings.save({ announcementId: a.id, raterId: USERS.guest, rateeId: USERS.host, as: 'host', score: 4, comment: null, createdAt: T0, updatedAt: T0 }, true);
        })).isOk()).to.equal(true);

        const read = (viewer: string, id = a.id) => storage.uow.readTogether((r) => r.details.of(id, viewer));
        const through = (viewer: string, id = a.id) => storage.uow.readTogether((r) => detailThrough(r).of(id, viewer));
        for (const viewer of Object.values(USERS)) expect(plain(await read(viewer)), viewer).to.deep.equal(plain(await through(viewer)));

        const friend = await read(USERS.friend);
        expect(friend.myBooking?.snapshot()).to.include({ guestId: USERS.friend, status: 'waitlisted' });
        expect(friend.invitation).to.deep.equal({ kind: 'link', linkRevoked: true });
        expect(friend.parts.waiting.map((b) => b.snapshot().guestId)).to.deep.equal([USERS.other, USERS.friend]);
        expect(friend.parts.guests).to.deep.equal([{ guestId: USERS.guest, seats: 2 }]);
        expect(friend.parts.ratings.get(USERS.host)?.asHost).to.not.deep.equal(NO_RATINGS.asHost);
        expect(friend.parts.ratings.get(USERS.guest)).to.deep.equal(NO_RATINGS);
        expect((await read(USERS.other)).invitation).to.deep.equal({ kind: 'direct' });
        expect((await read(USERS.stranger))).to.deep.include({ blocked: true, invitation: null, myBooking: null });
        expect((await read(USERS.host)).announcement?.snapshot()).to.deep.equal(a.snapshot());
        expect(plain(await read(USERS.host, anAnnouncement().id))).to.deep.equal({
          announcement: null, myBooking: null, blocked: false, invitation: null, guests: [], ratings: [], waiting: [],
        });
      });

      // `reads.details` is what GET /announcements/{id} reads; a backend may keep reads between
      // requests (PostgreSQL: pg-detail-cache.ts), but never answer with one a write has changed.
      it('reads outside a transaction what was just written, after every kind of write a detail shows', async () => {
        const a = anAnnouncement({ capacity: 4 });
        expect((await save(A(a))).isOk()).to.equal(true);
        const viewers = [USERS.host, USERS.guest, USERS.friend, USERS.stranger];
        const agree = async (after: string) => {
          for (const viewer of viewers) {
            const fresh = plain(await storage.uow.readTogether((r) => detailThrough(r).of(a.id, viewer)));
            expect(plain(await storage.uow.reads.details.of(a.id, viewer)), `${after}, read by ${viewer}`).to.deep.equal(fresh);
            expect(plain(await storage.uow.reads.details.of(a.id, viewer)), `${after}, read again by ${viewer}`).to.deep.equal(fresh);
          }
        };
        const write = async (what: string, work: (s: Stores) => Promise<Result<unknown, unknown>>) => {
          expect((await storage.uow.transaction(work)).isOk(), what).to.equal(true);
          await agree(what);
        };
        await agree('nothing written');
        const pending = aBooking(a.snapshot(), { guestId: USERS.guest, status: 'pending', seats: 1 });
        await write('a booking asked for', async (s) => s.bookings.save(pending, true));
        await write('the booking accepted and counted', async (s) => {
          const screening = (await s.announcements.byId(a.id, 'for-update'))!;
          const booking = (await s.bookings.byId(pending.id, 'for-update'))!;
          const decided = booking.decide(USERS.host, 'accepted', screening, T0);
          if (decided.isErr()) return decided;
          const saved = await s.bookings.save(booking, false);
          return saved.isErr() ? saved : s.announcements.saveSeats(screening).then(() => ok(undefined));
        });
        await write('the screening renamed', async (s) => {
          const screening = (await s.announcements.byId(a.id, 'for-update'))!;
          screening.update(USERS.host, { title: 'Renamed' }, T0);
          return s.announcements.save(screening, false);
        });
        await write('a block', async (s) => { await s.blocks.add({ blockerId: USERS.host, blockedId: USERS.stranger, createdAt: T0 }); return ok(undefined); });
        await write('the block lifted', async (s) => { await s.blocks.remove(USERS.host, USERS.stranger); return ok(undefined); });
        const link = '20000000-0000-4000-8000-000000000002';
        await write('an invitation by link', async (s) => {
          await s.invites.add({ id: link, announcementId: a.id, createdBy: USERS.host, createdAt: T0, revokedAt: null }, 'b'.repeat(64));
          await s.invites.invite(a.id, USERS.friend, link, T0);
          return ok(undefined);
        });
        await write('the link revoked', async (s) => { await s.invites.revoke(link, T0); return ok(undefined); });
        await write('a rating of the host', (s) =>
          s.ratings.save({ announcementId: a.id, raterId: USERS.guest, rateeId: USERS.host, as: 'host', score: 2, comment: null, createdAt: T0, updatedAt: T0 }, true));
      });
    });

    describe('AnnouncementRepository', () => {
      it('keeps every field, with and without coordinates', async () => {
        const a = anAnnouncement({ place: { city: 'Lyon', address: '1 rue X', timeZone: 'Europe/Paris' }, tags: [], description: '' });
        await save(A(a));
        expect((await storage.uow.reads.announcements.byId(a.id))!.snapshot()).to.deep.equal(a.snapshot());
      });

      it('saves changes', async () => {
        const a = anAnnouncement();
        await save(A(a));
        a.update(USERS.host, { title: 'Renamed', capacity: 9, startsAt: at(2 * DAY) }, T0);
        await storage.uow.transaction((s) => s.announcements.save(a, false));
        expect((await storage.uow.reads.announcements.byId(a.id))!.snapshot()).to.deep.equal(a.snapshot());
      });

      it('refuses a host’s second active screening that overlaps (A2), as the domain would', async () => {
        const first = anAnnouncement({ startsAt: at(DAY), durationMinutes: 120 });
        await save(A(first));
        const result = await save(A(anAnnouncement({ startsAt: at(DAY + HOUR) })));
        expect(result._unsafeUnwrapErr()).to.deep.include({ code: 'SCHEDULE.CONFLICT' });
        expect((await save(A(anAnnouncement({ startsAt: at(DAY + 2 * HOUR) })))).isOk()).to.equal(true);
        expect((await save(A(anAnnouncement({ startsAt: at(DAY), status: 'cancelled' })))).isOk()).to.equal(true);
      });

      it('refuses more seats taken than capacity', async () => {
        const result = await save(A(anAnnouncement({ capacity: 2, seatsTaken: 3 })));
        expect(result._unsafeUnwrapErr()).to.deep.include({ code: 'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN' });
      });

      it('lists active screenings that have ended, oldest first', async () => {
        const ended = anAnnouncement({ startsAt: at(-3 * HOUR), durationMinutes: 60 });
        const endedEarlier = anAnnouncement({ startsAt: at(-2 * DAY), durationMinutes: 60 });
        const running = anAnnouncement({ startsAt: at(-HOUR), durationMinutes: 120 });
        const cancelled = anAnnouncement({ startsAt: at(-5 * DAY), status: 'cancelled' });
        await save(A(ended), A(endedEarlier), A(running), A(cancelled));
        expect(await storage.uow.reads.announcements.endedBy(T0, 10)).to.deep.equal([endedEarlier.id, ended.id]);
        expect(await storage.uow.reads.announcements.endedBy(T0, 1)).to.deep.equal([endedEarlier.id]);
      });
    });

    describe('BookingRepository', () => {
      it('keeps every field and finds bookings by screening, status and guest', async () => {
        const a = anAnnouncement({ seatsTaken: 1 });
        const first = aBooking(a.snapshot(), { message: 'Hi!', seats: 2 });
        const second = aBooking(a.snapshot(), { guestId: USERS.other, status: 'accepted', createdAt: at(1000), decidedAt: at(2000) });
        expect((await save(A(a), B(first), B(second))).isOk()).to.equal(true);
        expect((await storage.uow.reads.bookings.byId(first.id))!.snapshot()).to.deep.equal(first.snapshot());
        expect((await storage.uow.reads.bookings.ofAnnouncement(a.id)).map((b) => b.id)).to.deep.equal([first.id, second.id]);
        expect((await storage.uow.reads.bookings.ofAnnouncement(a.id, ['accepted'])).map((b) => b.id)).to.deep.equal([second.id]);
        expect(await storage.uow.reads.bookings.guestsOf(a.id)).to.deep.equal([{ guestId: second.snapshot().guestId, seats: second.snapshot().seats }]);
        expect((await storage.uow.reads.bookings.latestOf(a.id, USERS.other))!.id).to.equal(second.id);
        expect(await storage.uow.reads.bookings.latestOf(a.id, USERS.stranger)).to.equal(null);
      });

      it('refuses a second active booking of one guest for one screening (B4)', async () => {
        const a = anAnnouncement();
        await save(A(a), B(aBooking(a.snapshot(), { status: 'cancelled' })), B(aBooking(a.snapshot())));
        const result = await save(B(aBooking(a.snapshot(), { status: 'accepted' })));
        expect(result._unsafeUnwrapErr()).to.deep.include({ code: 'BOOKING.ALREADY_BOOKED' });
      });

      it('refuses a guest’s active bookings that overlap in time (B3)', async () => {
        const a = anAnnouncement({ startsAt: at(DAY) });
        const b = anAnnouncement({ hostId: USERS.other, startsAt: at(DAY + HOUR) });
        await save(A(a), A(b), B(aBooking(a.snapshot())));
        const result = await save(B(aBooking(b.snapshot())));
        expect(result._unsafeUnwrapErr()).to.deep.include({ code: 'SCHEDULE.CONFLICT' });
        expect((await save(B(aBooking(b.snapshot(), { status: 'rejected' })))).isOk()).to.equal(true);
      });

      it('refuses at commit accepted seats that the screening did not count, or beyond its capacity (B2)', async () => {
        const a = anAnnouncement({ capacity: 2, seatsTaken: 2 });
        expect((await save(A(a), B(aBooking(a.snapshot(), { status: 'accepted', seats: 2 })))).isOk()).to.equal(true);
        const uncounted = await save(B(aBooking(a.snapshot(), { guestId: USERS.other, status: 'accepted' })));
        expect(uncounted._unsafeUnwrapErr()).to.deep.include({ code: 'BOOKING.NO_SEATS_LEFT' });
        expect(await storage.uow.reads.bookings.ofAnnouncement(a.id)).to.have.length(1);
      });
    });

    describe('CommitmentRepository', () => {
      it('finds the active screenings users host and attend around a time, and nothing else', async () => {
        const hosted = anAnnouncement({ startsAt: at(DAY) });
        const attended = anAnnouncement({ hostId: USERS.other, startsAt: at(DAY + HOUR) });
        const far = anAnnouncement({ startsAt: at(5 * DAY) });
        const cancelled = anAnnouncement({ hostId: USERS.stranger, startsAt: at(DAY), status: 'cancelled' });
        await save(A(hosted), A(attended), A(far), A(cancelled),
          B(aBooking(attended.snapshot(), { guestId: USERS.host })),
          B(aBooking(attended.snapshot(), { guestId: USERS.guest, status: 'rejected' })),
          B(aBooking(cancelled.snapshot(), { guestId: USERS.guest })));
        const found = await storage.uow.transaction(async (s) => {
          await s.commitments.lockUsers([USERS.host, USERS.guest]);
          return ok(await s.commitments.overlapping([USERS.host, USERS.guest], TimeRange.of(at(DAY), 180)));
        });
        const summary = found._unsafeUnwrap().map((c) => [c.userId, c.announcementId, c.as, c.range.start.toISOString()]);
        expect(summary).to.have.deep.members([
          [USERS.host, hosted.id, 'host', at(DAY).toISOString()],
          [USERS.host, attended.id, 'guest', at(DAY + HOUR).toISOString()],
        ]);
      });

      it('finds them around a screening named by its id, for one user or several, and none around a screening that is not there', async () => {
        const hosted = anAnnouncement({ startsAt: at(DAY) });
        const attended = anAnnouncement({ hostId: USERS.other, startsAt: at(DAY + HOUR) });
        const waited = anAnnouncement({ hostId: USERS.other, startsAt: at(DAY + 3 * HOUR) });
        const far = anAnnouncement({ startsAt: at(5 * DAY) });
        // 30 minutes in, for an hour and three quarters: it meets the first two, and ends as the third begins.
        const probe = anAnnouncement({ hostId: USERS.stranger, startsAt: at(DAY + HOUR / 2), durationMinutes: 105 });
        const probeLate = anAnnouncement({ hostId: USERS.stranger, startsAt: at(DAY + 2 * HOUR + HOUR / 2), durationMinutes: 60 });
        await save(A(hosted), A(attended), A(waited), A(far), A(probe), A(probeLate),
          B(aBooking(attended.snapshot(), { guestId: USERS.guest })),
          B(aBooking(waited.snapshot(), { guestId: USERS.guest, status: 'waitlisted' })));
        const around = (userIds: string[], announcementId: string) => storage.uow.transaction(async (s) =>
          ok((await s.commitments.overlappingScreening(userIds, announcementId)).map((c) => [c.userId, c.announcementId, c.as])));
        expect((await around([USERS.host], probe.id))._unsafeUnwrap()).to.deep.equal([[USERS.host, hosted.id, 'host']]);
        expect((await around([USERS.guest], probe.id))._unsafeUnwrap()).to.deep.equal([[USERS.guest, attended.id, 'guest']]);
        expect((await around([USERS.host, USERS.guest], probe.id))._unsafeUnwrap()).to.have.deep.members([
          [USERS.host, hosted.id, 'host'], [USERS.guest, attended.id, 'guest'],
        ]);
        // A place in line counts too (B9).
        expect((await around([USERS.guest], probeLate.id))._unsafeUnwrap()).to.deep.equal([[USERS.guest, waited.id, 'guest']]);
        expect((await around([USERS.host, USERS.guest], '00000000-0000-4000-8000-00000000dead'))._unsafeUnwrap()).to.deep.equal([]);
      });
    });
  });
};
