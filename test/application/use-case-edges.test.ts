import { expect } from 'chai';
import { err } from 'neverthrow';
import sinon from 'sinon';
import { MemoryAnnouncementRepository } from '../../src/adapters/memory/memory-announcement.repository.js';
import { MemoryAnnouncementSearch } from '../../src/adapters/memory/memory-announcement-search.js';
import { MemoryBookingRepository } from '../../src/adapters/memory/memory-booking.repository.js';
import { MemoryDirectory } from '../../src/adapters/memory/memory-directory.js';
import { problemFor } from '../../src/adapters/http/error-mapping.js';
import { StorageUnavailableError } from '../../src/application/index.js';
import { domainError } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { Core, failure, ok, someone } from '../support/core.js';
import { aDraft, at, DAY, HOUR, USERS } from '../support/fixtures.js';

/**
 * Paths of the use cases the happy flows never take: storage refusing a write (on PostgreSQL,
 * a constraint the database caught), lookups that must not happen, watchers that overlap.
 * On the memory backend, with sinon standing in where a refusal has to be provoked.
 */
describe('Use cases at their edges (memory)', () => {
  const memory = backends().find((b) => b.name === 'memory')!;
  let core: Core;
  beforeEach(async () => { core = await Core.start(memory); });
  afterEach(async () => { sinon.restore(); await core.stop(); });

  const refusal = domainError('SCHEDULE.CONFLICT', { as: 'guest' });

  describe('when storage refuses a write, the use case answers with that refusal and keeps nothing', () => {
    it('creating a booking', async () => {
      const a = await core.announce();
      sinon.stub(MemoryBookingRepository.prototype, 'save').resolves(err(refusal));
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id }))).to.deep.equal(refusal);
      sinon.restore();
      expect(await core.inbox(USERS.host)).to.deep.equal([]);
    });

    it('creating an automatically accepted booking, when the screening’s seat count is lost: the seats must add up at commit (B2)', async () => {
      const a = await core.announce({ approval: 'auto' });
      sinon.stub(MemoryAnnouncementRepository.prototype, 'saveSeats').resolves();
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: a.id })).code).to.equal('BOOKING.NO_SEATS_LEFT');
      sinon.restore();
      expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id))).to.include({ seatsTaken: 0 });
      expect(ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id))).to.deep.equal([]);
      expect(await core.inbox(USERS.host)).to.deep.equal([]);
    });

    it('deciding a booking, whether the booking or the screening’s seats cannot be saved', async () => {
      const a = await core.announce();
      const b = await core.book(a.id, USERS.guest);
      for (const Repository of [MemoryBookingRepository, MemoryAnnouncementRepository]) {
        const save = sinon.stub(Repository.prototype, 'save').resolves(err(refusal));
        expect(failure(await core.uc.changeBookingStatus.execute({ actorId: USERS.host, bookingId: b.id, status: 'accepted' }))).to.deep.equal(refusal);
        save.restore();
      }
      expect(ok(await core.uc.getBooking.execute(USERS.host, b.id)).status).to.equal('pending');
      expect((await core.inbox(USERS.guest)).map((n) => n.type)).to.deep.equal([]);
    });

    it('changing or cancelling a screening', async () => {
      const a = await core.announce();
      await core.book(a.id, USERS.guest);
      sinon.stub(MemoryAnnouncementRepository.prototype, 'save').resolves(err(refusal));
      expect(failure(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { title: 'New' } }))).to.deep.equal(refusal);
      sinon.restore();
      sinon.stub(MemoryBookingRepository.prototype, 'save').resolves(err(refusal));
      expect(failure(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }))).to.deep.equal(refusal);
      sinon.restore();
      expect(ok(await core.uc.getAnnouncement.execute(USERS.host, a.id))).to.include({ title: a.title, status: 'open' });
    });
  });

  describe('refusals that need no transaction take none', () => {
    it('a stranger changing a booking', async () => {
      const a = await core.announce();
      const b = await core.book(a.id, USERS.guest);
      const transaction = sinon.spy(core.service.storage.uow, 'transaction');
      expect(failure(await core.uc.changeBookingStatus.execute({ actorId: USERS.stranger, bookingId: b.id, status: 'accepted' })).code).to.equal('BOOKING.FORBIDDEN');
      expect(transaction.callCount).to.equal(0);
      // A booking request reads the screening under its lock (three round trips in all), so the
      // host's own request is refused inside its transaction, with nothing kept.
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.host, announcementId: a.id })).code).to.equal('BOOKING.OWN_ANNOUNCEMENT');
      expect(ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id)).map((x) => x.guestId)).to.deep.equal([USERS.guest]);
    });
  });

  describe('lookups that must not happen (A5 asks only what it depends on)', () => {
    it('asks neither the viewer’s booking nor the directory for the host, nor the directory for a public screening', async () => {
      const a = await core.announce();
      const hidden = await core.announce({ privacy: 'friends', startsAt: at(3 * DAY) });
      const friends = sinon.spy(MemoryDirectory.prototype, 'friendsOf');
      const latest = sinon.spy(MemoryBookingRepository.prototype, 'latestOf');
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: hidden.id, changes: { title: 'Mine' } }));
      expect([friends.callCount, latest.callCount]).to.deep.equal([0, 0]);
      await core.book(a.id, USERS.guest);
      expect(friends.callCount, 'a public screening needs no friendship').to.equal(0);
      await core.book(hidden.id, USERS.friend);
      expect(friends.callCount, 'asked once, outside the transaction, then judged again').to.equal(1);
    });

    it('lets an applicant of a friends-only screening who is no friend know it exists: asking again is “already booked”', async () => {
      const a = await core.announce();
      await core.book(a.id, USERS.stranger);
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { privacy: 'friends' } }));
      const friends = sinon.spy(MemoryDirectory.prototype, 'friendsOf');
      expect(failure(await core.uc.createBooking.execute({ guestId: USERS.stranger, announcementId: a.id })).code).to.equal('BOOKING.ALREADY_BOOKED');
      ok(await core.uc.getAnnouncement.execute(USERS.stranger, a.id));
      expect(friends.callCount, 'an applicant needs no friendship').to.equal(0);
    });

    it('names only the hosts of the page it answers, and no one for an empty list', async () => {
      await core.announce({ startsAt: at(DAY) });
      await core.announce({ startsAt: at(2 * DAY) }, USERS.other);
      const names = sinon.spy(MemoryDirectory.prototype, 'namesOf');
      ok(await core.uc.searchAnnouncements.execute(USERS.guest, { status: 'open', sort: 'startsAt', limit: 1 }));
      expect(names.args).to.deep.equal([[[USERS.host]]]);
      ok(await core.uc.searchAnnouncements.execute(USERS.guest, { status: 'open', sort: 'startsAt', limit: 5, city: 'Nowhere' }));
      expect(names.callCount).to.equal(1);
    });
  });

  describe('search', () => {
    it('shows viewers their own friends-only screenings', async () => {
      const mine = await core.announce({ privacy: 'friends' });
      const found = ok(await core.uc.searchAnnouncements.execute(USERS.host, { status: 'open', sort: 'startsAt', limit: 5 }));
      expect(found.items.map((i) => i.id)).to.deep.equal([mine.id]);
    });

    it('looks at upcoming closed screenings by default too, and at past ones only when asked', async () => {
      const a = await core.announce({ startsAt: at(HOUR) });
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { status: 'closed' } }));
      const closed = () => core.uc.searchAnnouncements.execute(USERS.guest, { status: 'closed', sort: 'startsAt', limit: 5 });
      expect(ok(await closed()).items).to.have.length(1);
      core.clock.set(at(2 * HOUR));
      expect(ok(await closed()).items).to.have.length(0);
    });

    it('looks at past screenings by default when searching for done or cancelled ones', async () => {
      const a = await core.announce({ startsAt: at(HOUR), durationMinutes: 30 });
      core.clock.set(at(2 * HOUR));
      await core.service.watcher.execute();
      const done = ok(await core.uc.searchAnnouncements.execute(USERS.guest, { status: 'done', sort: 'startsAt', limit: 5 }));
      expect(done.items.map((i) => i.id)).to.deep.equal([a.id]);
    });

    it('keeps the point of near to 7 decimals, as places are', async () => {
      const search = sinon.spy(MemoryAnnouncementSearch.prototype, 'search');
      ok(await core.uc.searchAnnouncements.execute(USERS.guest, { status: 'open', sort: 'startsAt', limit: 5, near: { lat: 52.520008123, lon: 2e-323, radiusKm: 3 } }));
      expect(search.firstCall.args[0].near).to.deep.equal({ lat: 52.5200081, lon: 0, radiusKm: 3 });
      expect(search.firstCall.args[0].friendHostIds).to.deep.equal([USERS.guest]);
    });
  });

  describe('moving a screening', () => {
    it('may overlap its own old time', async () => {
      const a = await core.announce({ startsAt: at(DAY) });
      expect(ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(DAY + HOUR / 2) } })).startsAt)
        .to.equal(at(DAY + HOUR / 2).toISOString());
    });

    it('names the host’s screening it would clash with', async () => {
      const a = await core.announce({ startsAt: at(DAY) });
      const b = await core.announce({ startsAt: at(2 * DAY) });
      expect(failure(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(2 * DAY) } })))
        .to.deep.equal({ code: 'SCHEDULE.CONFLICT', announcementId: b.id, as: 'host' });
    });

    it('checks the guests’ time when only the end moves (a longer duration)', async () => {
      const a = await core.announce({ startsAt: at(DAY), durationMinutes: 90 });
      await core.book(a.id, USERS.guest);
      const next = await core.announce({ startsAt: at(DAY + 2 * HOUR) }, USERS.other);
      await core.book(next.id, USERS.guest);
      expect(failure(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { durationMinutes: 180 } })).code)
        .to.equal('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT');
    });
  });

  it('refuses a booking that overlaps a screening the guest hosts (B3)', async () => {
    const mine = await core.announce({ startsAt: at(DAY) }, USERS.guest);
    const theirs = await core.announce({ startsAt: at(DAY + HOUR) });
    expect(failure(await core.uc.createBooking.execute({ guestId: USERS.guest, announcementId: theirs.id })))
      .to.deep.equal({ code: 'SCHEDULE.CONFLICT', announcementId: mine.id, as: 'host' });
  });

  it('lets two watchers run at once and completes each screening once (A7)', async () => {
    await core.announce({ startsAt: at(HOUR), durationMinutes: 30 });
    core.clock.set(at(2 * HOUR));
    const counts = await Promise.all([core.service.watcher.execute(), core.service.watcher.execute()]);
    expect(counts.reduce((a, b) => a + b.done, 0)).to.equal(1);
  });

  it('answers an unknown booking, and a cursor it never gave out', async () => {
    expect(failure(await core.uc.getBooking.execute(USERS.guest, someone(1))).code).to.equal('BOOKING.NOT_FOUND');
    expect(failure(await core.uc.readInbox.execute(USERS.guest, 10, 'bm9wZQ')).code).to.equal('PAGE.INVALID_CURSOR');
    expect(failure(await core.uc.listMyBookings.execute(USERS.guest, { limit: 10, cursor: 'bm9wZQ' })).code).to.equal('PAGE.INVALID_CURSOR');
  });

  it('shows each person with the side of their rating that fits: the host as host, guests as guests', async () => {
    const a = await core.announce();
    const b = await core.book(a.id, USERS.guest);
    await core.accept(b.id);
    const seed = (rateeId: string, as: 'host' | 'guest', score: number) =>
      (core.service.storage as unknown as { seedRating: (r: object) => Promise<void> }).seedRating({ announcementId: a.id, raterId: someone(score), rateeId, as, score });
    await seed(USERS.host, 'host', 5);
    await seed(USERS.host, 'guest', 1);
    await seed(USERS.guest, 'guest', 4);
    await seed(USERS.guest, 'host', 2);
    const detail = ok(await core.uc.getAnnouncement.execute(USERS.guest, a.id));
    expect(detail.host.rating).to.deep.equal({ average: 5, count: 1, score: 3.33 });
    expect(detail.guests![0]!.rating).to.deep.equal({ average: 4, count: 1, score: 3.17 });
    const [listed] = ok(await core.uc.listAnnouncementBookings.execute(USERS.host, a.id));
    expect(listed!.guest).to.deep.equal({
      id: USERS.guest, name: 'Gus Guest', rating: { average: 4, count: 1, score: 3.17 }, reliability: { attended: 0, noShows: 0, lateCancellations: 0 },
    });
    expect(listed!.announcement.movie).to.deep.equal({ id: 'film-90', title: 'Ninety Minutes' });
    const [item] = ok(await core.uc.searchAnnouncements.execute(USERS.guest, { status: 'open', sort: 'startsAt', limit: 1 })).items;
    expect([item!.movie, item!.host.rating.average]).to.deep.equal([{ id: 'film-90', title: 'Ninety Minutes' }, 5]);
  });

  it('creates with the draft it was given', async () => {
    const created = ok(await core.uc.createAnnouncement.execute({ hostId: USERS.host, movieId: 'film-90', draft: aDraft({ title: 'Exactly this' }) }));
    expect(created).to.include({ title: 'Exactly this', hostId: USERS.host });
  });
});

describe('Infrastructure failure and unmapped refusals', () => {
  it('names the storage failure for what it is', () => {
    expect(new StorageUnavailableError('gone').name).to.equal('StorageUnavailableError');
  });

  it('refuses to map a refusal it does not know (a bug, thrown)', () => {
    expect(() => problemFor({ code: 'NOT.A.CODE' } as never)).to.throw('unmapped error {"code":"NOT.A.CODE"}');
  });
});
