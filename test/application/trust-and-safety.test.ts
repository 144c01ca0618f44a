import { expect } from 'chai';
import { PLATFORM_RECIPIENT_ID } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { Core, failure, ok } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

/** aDraft's screening: tomorrow 20:00 UTC, 90 minutes. */
/** aDraft's address, which only those who come read. */
const ADDRESS = 'Torstraße 1';
const END = at(DAY + 8 * HOUR + 90 * 60_000);
const PUBLIC_BASE = 'http://wt.test';

/** RULES §9 through the use cases on every backend (the unit loop runs them on memory, and mutates them). */
for (const backend of backends()) {
  describe(`Trust and safety, use cases on ${backend.name}`, function () {
    this.timeout(30_000);
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    const seatsOf = async (announcementId: string) => ok(await core.uc.getAnnouncement.execute(USERS.host, announcementId)).seatsTaken;

    describe('BlockUser and Blocks (S3)', () => {
      it('ends the blocked person’s requests and bookings at the blocker’s screenings, frees the seats, and says so to them alone', async () => {
        const auto = await core.announce({ approval: 'auto', capacity: 4 });
        const manual = await core.announce({ startsAt: at(2 * DAY), capacity: 4 });
        const elsewhere = await core.announce({ approval: 'auto', startsAt: at(3 * DAY) }, USERS.friend);
        const seat = await core.book(auto.id, USERS.other, 2);
        const asked = await core.book(manual.id, USERS.other);
        const kept = await core.book(elsewhere.id, USERS.other);
        const guest = await core.book(auto.id, USERS.guest);

        expect(failure(await core.uc.blockUser.execute(USERS.host, USERS.host)).code).to.equal('BLOCK.SELF');
        const blocked = ok(await core.uc.blockUser.execute(USERS.host, USERS.other));
        expect(blocked).to.deep.include({ created: true, user: { id: USERS.other, name: 'Otto Other' } });
        expect(blocked.block).to.deep.include({ blockerId: USERS.host, blockedId: USERS.other });
        expect(ok(await core.uc.blockUser.execute(USERS.host, USERS.other)).created, 'once').to.equal(false);

        const statusOf = async (id: string, as: string) => ok(await core.uc.getBooking.execute(as, id)).status;
        expect(await statusOf(seat.id, USERS.host)).to.equal('rejected');
        expect(await statusOf(asked.id, USERS.host)).to.equal('rejected');
        expect(await statusOf(kept.id, USERS.friend), 'another host’s screening').to.equal('accepted');
        expect(await statusOf(guest.id, USERS.host), 'another guest').to.equal('accepted');
        expect(await seatsOf(auto.id)).to.equal(1);
        const told = (await core.inbox(USERS.other)).filter((n) => n.type === 'booking.status_changed');
        expect(told.map((n) => n.bookingId).sort()).to.deep.equal([seat.id, asked.id].sort());
        expect((await core.inbox(USERS.other)).some((n) => /block/i.test(`${n.title} ${n.body}`)), 'nothing of the block').to.equal(false);
      });

      it('keeps an accepted guest of a screening that has started, and ends the pending requests there', async () => {
        const soon = await core.announce({ startsAt: at(HOUR), capacity: 4 });
        const came = await core.book(soon.id, USERS.other);
        await core.accept(came.id);
        const pending = await core.book(soon.id, USERS.friend);
        core.clock.advance(2 * HOUR);
        ok(await core.uc.blockUser.execute(USERS.host, USERS.other));
        ok(await core.uc.blockUser.execute(USERS.host, USERS.friend));
        expect(ok(await core.uc.getBooking.execute(USERS.host, came.id)).status).to.equal('accepted');
        expect(ok(await core.uc.getBooking.execute(USERS.host, pending.id)).status).to.equal('rejected');
        expect(await seatsOf(soon.id)).to.equal(1);
      });

      it('lists whom I blocked, newest first, by page, and unblocks once', async () => {
        ok(await core.uc.blockUser.execute(USERS.host, USERS.other));
        core.clock.advance(1000);
        ok(await core.uc.blockUser.execute(USERS.host, USERS.friend));
        ok(await core.uc.blockUser.execute(USERS.guest, USERS.other));
        const first = ok(await core.uc.blocks.list(USERS.host, 1));
        expect(first.items.map((b) => b.user)).to.deep.equal([{ id: USERS.friend, name: 'Fran Friend' }]);
        expect(first.items[0]?.createdAt).to.be.instanceOf(Date);
        expect(first.nextCursor).to.be.a('string');
        const second = ok(await core.uc.blocks.list(USERS.host, 1, first.nextCursor ?? undefined));
        expect([second.items.map((b) => b.user.id), second.nextCursor]).to.deep.equal([[USERS.other], null]);
        expect(ok(await core.uc.blocks.list(USERS.host, 5)).nextCursor).to.equal(null);
        expect(failure(await core.uc.blocks.list(USERS.host, 1, 'not-a-cursor')).code).to.equal('PAGE.INVALID_CURSOR');
        expect(await core.uc.blocks.remove(USERS.host, USERS.other)).to.equal(true);
        expect(await core.uc.blocks.remove(USERS.host, USERS.other)).to.equal(false);
        expect(ok(await core.uc.blocks.list(USERS.host, 5)).items.map((b) => b.user.id)).to.deep.equal([USERS.friend]);
      });
    });

    describe('the place of a booking (S1)', () => {
      it('is exact for the host, and for the guest once accepted; the city and area before', async () => {
        const a = await core.announce();
        const asked = await core.book(a.id, USERS.guest);
        const placeFor = async (as: string) => ok(await core.uc.getBooking.execute(as, asked.id)).announcement.place;
        expect(await placeFor(USERS.host)).to.have.property('address', ADDRESS);
        expect(await placeFor(USERS.guest)).to.not.have.property('address');
        expect(asked.announcement.place).to.not.have.property('address');
        await core.accept(asked.id);
        expect(await placeFor(USERS.guest)).to.have.property('address', ADDRESS);
      });
    });

    describe('FileReport (S4)', () => {
      it('hands a report to the platform with what staff need to open it, once per reporter and subject', async () => {
        const open = await core.announce();
        const about = ok(await core.uc.fileReport.execute({ reporterId: USERS.guest, subject: { kind: 'user', id: USERS.host }, reason: 'unsafe', details: 'Shouted at us' }));
        expect(about.status).to.equal('open');
        ok(await core.uc.fileReport.execute({ reporterId: USERS.stranger, subject: { kind: 'announcement', id: open.id }, reason: 'misleading' }));
        const booking = await core.book(open.id, USERS.guest);
        ok(await core.uc.fileReport.execute({ reporterId: USERS.host, subject: { kind: 'booking', id: booking.id }, reason: 'harassment' }));

        const inbox = await core.inbox(PLATFORM_RECIPIENT_ID);
        const byTitle = new Map(inbox.map((n) => [n.title, n]));
        expect([...byTitle.keys()].sort()).to.deep.equal([
          'Report (harassment) about a booking', 'Report (misleading) about a screening', 'Report (unsafe) about a person',
        ]);
        const person = byTitle.get('Report (unsafe) about a person');
        expect(person).to.deep.include({ type: 'report.filed', link: `${PUBLIC_BASE}/api/v1/users/${USERS.host}/rating` });
        expect(person?.announcementId ?? null).to.equal(null);
        expect(person?.body).to.equal(`Gus Guest (${USERS.guest}) reported user ${USERS.host}: unsafe. “Shouted at us” Report ${about.id}.`);
        const screening = byTitle.get('Report (misleading) about a screening');
        expect(screening).to.deep.include({ announcementId: open.id, link: `${PUBLIC_BASE}/api/v1/announcements/${open.id}` });
        expect(screening?.body).to.match(/: misleading\. Report [0-9a-f-]{36}\.$/);
        expect(byTitle.get('Report (harassment) about a booking'))
          .to.deep.include({ announcementId: open.id, bookingId: booking.id, link: `${PUBLIC_BASE}/api/v1/bookings/${booking.id}` });

        expect(failure(await core.uc.fileReport.execute({ reporterId: USERS.guest, subject: { kind: 'user', id: USERS.host }, reason: 'spam' })).code)
          .to.equal('REPORT.ALREADY_OPEN');
        expect((await core.inbox(PLATFORM_RECIPIENT_ID)).length, 'nothing half-written').to.equal(3);
      });

      it('does not let a reporter learn of what they cannot see, nor report themselves', async () => {
        const secret = await core.announce({ privacy: 'friends' });
        const open = await core.announce({ startsAt: at(2 * DAY) });
        const theirs = await core.book(open.id, USERS.guest);
        const report = (reporterId: string, kind: 'user' | 'announcement' | 'booking', id: string) =>
          core.uc.fileReport.execute({ reporterId, subject: { kind, id }, reason: 'spam' });
        expect(failure(await report(USERS.stranger, 'announcement', secret.id)).code).to.equal('REPORT.SUBJECT_NOT_FOUND');
        expect(failure(await report(USERS.stranger, 'booking', theirs.id)).code).to.equal('REPORT.SUBJECT_NOT_FOUND');
        expect(failure(await report(USERS.stranger, 'booking', open.id)).code, 'no such booking').to.equal('REPORT.SUBJECT_NOT_FOUND');
        ok(await report(USERS.guest, 'booking', theirs.id));
        ok(await report(USERS.friend, 'announcement', secret.id));
        const self = failure(await report(USERS.guest, 'user', USERS.guest));
        expect(self.code).to.equal('REPORT.INVALID');
        expect(await core.inbox(PLATFORM_RECIPIENT_ID)).to.have.length(2);
      });
    });

    describe('MarkAttendance (S5)', () => {
      it('lets the host say after the end who came, for 14 days; a guest marked absent is told', async () => {
        const a = await core.announce({ approval: 'auto', capacity: 4 });
        await core.book(a.id, USERS.guest);
        await core.book(a.id, USERS.friend);
        const mark = (guestId: string, attended: boolean, hostId: string = USERS.host) =>
          core.uc.markAttendance.execute({ hostId, announcementId: a.id, guestId, attended });
        expect(failure(await mark(USERS.guest, false)).code).to.equal('ATTENDANCE.NOT_YET');
        core.clock.set(new Date(END.getTime() + 60_000));
        await core.service.watcher.execute();
        expect(failure(await mark(USERS.guest, false, USERS.friend)).code).to.equal('ANNOUNCEMENT.NOT_HOST');
        expect(failure(await mark(USERS.stranger, false)).code).to.equal('ATTENDANCE.NOT_A_GUEST');
        expect(ok(await mark(USERS.guest, false))).to.deep.equal({ guestId: USERS.guest, attended: false });
        expect(ok(await mark(USERS.friend, true))).to.deep.equal({ guestId: USERS.friend, attended: true });
        const told = (await core.inbox(USERS.guest)).filter((n) => n.type === 'attendance.no_show');
        expect(told.map((n) => [n.announcementId, n.title])).to.deep.equal([[a.id, `Marked as not there: “${a.title}”`]]);
        expect(told[0]?.body).to.contain('Hanna Host').and.contain(a.movie.title);
        expect((await core.inbox(USERS.friend)).filter((n) => n.type === 'attendance.no_show')).to.deep.equal([]);
        // Marking absent again tells nobody twice.
        ok(await mark(USERS.guest, false));
        expect((await core.inbox(USERS.guest)).filter((n) => n.type === 'attendance.no_show')).to.have.length(1);
        expect(ok(await core.uc.readRatings.ofUser(USERS.guest)).reliability).to.deep.include({ attended: 0, noShows: 1 });
        core.clock.set(new Date(END.getTime() + 14 * DAY + 1000));
        expect(failure(await mark(USERS.guest, true)).code).to.equal('ATTENDANCE.WINDOW_CLOSED');
      });
    });

    describe('LinkPreview (S1)', () => {
      it('shows a public screening’s film, title, start and city; anything else as a generic card', async () => {
        const open = await core.announce();
        const secret = await core.announce({ privacy: 'friends', startsAt: at(2 * DAY) });
        const booking = await core.book(open.id, USERS.guest);
        expect(await core.uc.linkPreview.of({ kind: 'announcement', id: open.id })).to.deep.equal({
          kind: 'screening', title: open.title, film: open.movie.title, startsAt: new Date(open.startsAt), timeZone: 'Europe/Berlin', city: open.place.city,
        });
        expect(await core.uc.linkPreview.of({ kind: 'announcement', id: secret.id })).to.deep.equal({ kind: 'generic' });
        expect(await core.uc.linkPreview.of({ kind: 'booking', id: booking.id })).to.deep.equal({ kind: 'generic' });
        expect(await core.uc.linkPreview.of({ kind: 'announcement', id: booking.id })).to.deep.equal({ kind: 'generic' });
      });
    });
  });
}
