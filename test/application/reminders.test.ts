import { expect } from 'chai';
import { localTime } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { Core, ok } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';

const MINUTE = 60_000;

/** RULES §4's reminders through the scheduler the worker runs, each rule on its own, on a hand-moved clock. */
for (const backend of backends()) {
  describe(`Reminders on ${backend.name}`, () => {
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    const reminders = async (user: string) => (await core.inbox(user)).filter((n) => n.type.startsWith('announcement.reminder'));
    /** A screening two days ahead with an accepted guest, a pending one, and one who left. */
    const crowded = async () => {
      const a = await core.announce({ startsAt: at(2 * DAY) });
      await core.accept((await core.book(a.id, USERS.guest)).id);
      await core.book(a.id, USERS.other);
      const left = await core.book(a.id, USERS.friend);
      ok(await core.uc.changeBookingStatus.execute({ actorId: USERS.friend, bookingId: left.id, status: 'cancelled' }));
      return a;
    };

    it('tells the host and the accepted guests at the 24-hour moment, linking to the screening — not before', async () => {
      const a = await crowded();
      core.clock.set(at(DAY - MINUTE));
      await core.remind();
      expect(await reminders(USERS.host)).to.deep.equal([]);
      core.clock.set(at(DAY));
      expect(await core.remind()).to.equal(1);
      for (const user of [USERS.host, USERS.guest]) {
        const [note] = await reminders(user);
        expect(note, user).to.include({ type: 'announcement.reminder_24h', announcementId: a.id, link: a.shortUrl, recipientId: user });
        expect(note!.title).to.equal('“Film night” starts in 24 hours');
      }
    });

    it('does not tell applicants, nor a guest who left', async () => {
      await crowded();
      core.clock.set(at(DAY));
      await core.remind();
      expect(await reminders(USERS.other)).to.deep.equal([]);
      expect(await reminders(USERS.friend)).to.deep.equal([]);
    });

    it('is not sent twice, however often or concurrently the scheduler runs', async () => {
      await crowded();
      core.clock.set(at(DAY));
      await Promise.all([core.remind(), core.remind(), core.remind()]);
      core.clock.set(at(DAY + 5 * MINUTE));
      expect(await core.remind()).to.equal(0);
      expect((await reminders(USERS.host)).map((n) => n.type)).to.deep.equal(['announcement.reminder_24h']);
      expect((await reminders(USERS.guest)).map((n) => n.type)).to.deep.equal(['announcement.reminder_24h']);
    });

    it('sends the 1-hour reminder at its moment, after the 24-hour one', async () => {
      await crowded();
      core.clock.set(at(DAY));
      await core.remind();
      core.clock.set(at(2 * DAY - HOUR));
      await core.remind();
      expect((await reminders(USERS.guest)).map((n) => [n.type, n.title])).to.deep.equal([
        ['announcement.reminder_1h', '“Film night” starts in 1 hour'], ['announcement.reminder_24h', '“Film night” starts in 24 hours'],
      ]);
    });

    it('reaches a guest accepted after the reminder went out, once, and nobody twice', async () => {
      const a = await crowded();
      core.clock.set(at(DAY));
      await core.remind();
      core.clock.set(at(DAY + 3 * HOUR));
      const late = await core.book(a.id, USERS.stranger);
      await core.accept(late.id);
      expect(await core.remind()).to.equal(1);
      expect((await reminders(USERS.stranger)).map((n) => [n.type, n.title])).to.deep.equal([['announcement.reminder_24h', '“Film night” starts in 21 hours']]);
      expect(await reminders(USERS.host)).to.have.length(1);
    });

    it('is still sent after the service was down at its moment, if the screening has not started — and not once it has', async () => {
      const a = await crowded();
      core.clock.set(at(2 * DAY - 3 * HOUR));
      await core.remind();
      expect((await reminders(USERS.guest)).map((n) => n.title)).to.deep.equal(['“Film night” starts in 3 hours']);
      const missed = await core.announce({ startsAt: at(3 * DAY) }, USERS.other);
      core.clock.set(at(3 * DAY + MINUTE));
      await core.remind();
      expect((await reminders(USERS.other)).filter((n) => n.announcementId === missed.id)).to.deep.equal([]);
      expect(a.id).to.not.equal(missed.id);
    });

    it('is not sent for a cancelled screening', async () => {
      const a = await crowded();
      ok(await core.uc.cancelAnnouncement.execute({ actorId: USERS.host, announcementId: a.id }));
      core.clock.set(at(DAY));
      expect(await core.remind()).to.equal(0);
      expect(await reminders(USERS.guest)).to.deep.equal([]);
    });

    it('is planned again when the screening moves: the new start gets its own reminders', async () => {
      const a = await crowded();
      core.clock.set(at(DAY));
      await core.remind();
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(4 * DAY) } }));
      core.clock.set(at(3 * DAY));
      await core.remind();
      const notes = await reminders(USERS.guest);
      expect(notes.map((n) => n.type)).to.deep.equal(['announcement.reminder_24h', 'announcement.reminder_24h']);
      // T1: in the place's zone (Berlin's point gives Europe/Berlin), with its name.
      expect(notes[0]!.body).to.contain(localTime(at(4 * DAY), 'Europe/Berlin')).and.match(/GMT\+1|CET/);
    });

    it('gives no 24-hour reminder to a screening announced (or moved) less than a day ahead', async () => {
      await core.announce({ startsAt: at(23 * HOUR) });
      core.clock.set(at(HOUR));
      await core.remind();
      expect(await reminders(USERS.host)).to.deep.equal([]);
      const moved = await core.announce({ startsAt: at(3 * DAY) }, USERS.other);
      ok(await core.uc.updateAnnouncement.execute({ actorId: USERS.other, announcementId: moved.id, changes: { startsAt: at(HOUR + 10 * HOUR) } }));
      core.clock.set(at(2 * HOUR));
      await core.remind();
      expect(await reminders(USERS.other)).to.deep.equal([]);
    });

    it('tells the guest and the host of a screening 61 minutes ahead exactly once, within a minute, and gives no 24-hour reminder', async () => {
      const a = await core.announce({ startsAt: at(61 * MINUTE) });
      await core.accept((await core.book(a.id, USERS.guest)).id);
      for (let t = 0; t <= 2 * MINUTE; t += 10_000) {
        core.clock.set(at(t));
        await core.remind();
      }
      for (const user of [USERS.host, USERS.guest])
        expect((await reminders(user)).map((n) => [n.type, n.createdAt.getTime() - at(MINUTE).getTime()]), user).to.deep.equal([['announcement.reminder_1h', 0]]);
    });

    it('gives the 24-hour reminder up for the 1-hour one when the service comes back within the hour', async () => {
      await crowded();
      core.clock.set(at(2 * DAY - 20 * MINUTE));
      await core.remind();
      expect((await reminders(USERS.guest)).map((n) => [n.type, n.title])).to.deep.equal([['announcement.reminder_1h', '“Film night” starts in 20 minutes']]);
    });
  });
}
