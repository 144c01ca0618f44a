import { expect } from 'chai';
import { STAMPS } from '../../src/adapters/postgres/pg-detail-cache.js';
import { DETAIL_AS_JSON } from '../../src/adapters/postgres/pg-detail-reader.js';
import { DETAIL_CACHE_SIZE } from '../../src/adapters/postgres/pg-unit-of-work.js';
import { ok, type Core } from '../support/core.js';
import { at, DAY, USERS } from '../support/fixtures.js';
import { statementsSent } from '../support/messages-sent.js';
import { processesOnOneDatabase } from '../support/processes.js';
import { backends } from './backends.js';

/**
 * Issue 22: a detail read answered from the process's memory once the database says nothing it
 * shows has changed (pg-detail-cache.ts). What it must never do — answer with a read a write has
 * changed — is held by the repository contract on every backend; here, what it sends, that a
 * second process's write is seen by the first at once, and that it stays within its size.
 */
if (backends().some((b) => b.name === 'PostgreSQL')) {
  describe('Detail reads kept between requests, on PostgreSQL', () => {
    const started = processesOnOneDatabase();
    const aProcess = (detailCacheSize = DETAIL_CACHE_SIZE): Promise<Core> => started({ detailCacheSize });
    const sent = statementsSent;

    it('asks only for the stamps when nothing changed, and reads the detail again when something did', async () => {
      const core = await aProcess();
      const a = await core.announce({ approval: 'auto', capacity: 3 });
      await core.book(a.id, USERS.guest);
      const read = () => core.uc.getAnnouncement.execute(USERS.host, a.id);
      expect(await sent(read)).to.deep.equal([DETAIL_AS_JSON]);
      expect(await sent(read)).to.deep.equal([STAMPS]);
      await core.book(a.id, USERS.friend);
      let guests = 0;
      expect(await sent(async () => { guests = ok(await read()).guestCount; })).to.deep.equal([STAMPS, DETAIL_AS_JSON]);
      expect(guests).to.equal(2);
    });

    it('sees another process’s write on the next read, kept or not', async () => {
      const [one, other] = [await aProcess(), await aProcess()];
      const a = await one.announce({ approval: 'auto', capacity: 3 });
      const guestsOf = async (core: Core) => ok(await core.uc.getAnnouncement.execute(USERS.host, a.id)).guestCount;
      expect(await guestsOf(one)).to.equal(0);
      expect(await guestsOf(one)).to.equal(0);
      await other.book(a.id, USERS.guest);
      expect(await guestsOf(one)).to.equal(1);
      const strangerSees = async () => (await one.uc.getAnnouncement.execute(USERS.stranger, a.id)).isOk();
      expect([await strangerSees(), await strangerSees()]).to.deep.equal([true, true]);
      ok(await other.uc.blockUser.execute(USERS.host, USERS.stranger));
      expect(await strangerSees(), 'blocked (S3): not found').to.equal(false);
    });

    it('asks for the stamps of every read waiting at the same moment in one statement', async () => {
      const core = await aProcess();
      const screenings = [await core.announce({ title: 'One' }), await core.announce({ title: 'Two', startsAt: at(40 * DAY) })];
      const readAll = () => Promise.all(screenings.flatMap((a) => [USERS.host, USERS.guest, USERS.stranger].map((viewer) => core.uc.getAnnouncement.execute(viewer, a.id))));
      await readAll();
      const texts = await sent(readAll);
      expect(texts).to.deep.equal([STAMPS]);
    });

    it('keeps no more reads than it is given room for, the least recently used going first', async () => {
      const core = await aProcess(2);
      const a = await core.announce();
      const read = (viewer: string) => sent(() => core.uc.getAnnouncement.execute(viewer, a.id));
      await read(USERS.host);
      await read(USERS.guest);
      expect(await read(USERS.host)).to.deep.equal([STAMPS]);
      await read(USERS.stranger); // the guest's read, used least recently, makes room
      expect(await read(USERS.guest)).to.deep.equal([DETAIL_AS_JSON]);
      expect(await read(USERS.stranger)).to.deep.equal([STAMPS]);
    });

    it('keeps nothing with DETAIL_CACHE_SIZE=0', async () => {
      const core = await aProcess(0);
      const a = await core.announce();
      await core.uc.getAnnouncement.execute(USERS.host, a.id);
      expect(await sent(() => core.uc.getAnnouncement.execute(USERS.host, a.id))).to.deep.equal([DETAIL_AS_JSON]);
    });
  });
}
