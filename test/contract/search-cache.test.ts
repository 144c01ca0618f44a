import { expect } from 'chai';
import { STAMPS } from '../../src/adapters/postgres/pg-detail-cache.js';
import { SEARCH_CACHE_SIZE } from '../../src/adapters/postgres/pg-search-cache.js';
import type { SearchQuery } from '../../src/application/index.js';
import { ok, type Core } from '../support/core.js';
import { at, DAY, HOUR, USERS } from '../support/fixtures.js';
import { statementsSent } from '../support/messages-sent.js';
import { processesOnOneDatabase } from '../support/processes.js';
import { backends } from './backends.js';

/**
 * Issue 22: a search page answered from the process's memory while the database says nothing
 * could have changed it (pg-search-cache.ts). That no write is ever hidden from a page asked
 * again is held by the search contract on every backend; here, what it sends, that a second
 * process's writes — a screening coming in or leaving, a seat freed on a full one, a block — are
 * seen by the first at once, that time ends a kept page, and that it can be turned off.
 */
if (backends().some((b) => b.name === 'PostgreSQL')) {
  describe('Search pages kept between requests, on PostgreSQL', () => {
    const started = processesOnOneDatabase();
    const aProcess = (searchCacheSize = SEARCH_CACHE_SIZE): Promise<Core> => started({ searchCacheSize });
    const upcoming: SearchQuery = { status: 'open', sort: 'startsAt', limit: 20 };
    const titles = async (core: Core, viewer: string, query: Partial<SearchQuery> = {}) =>
      ok(await core.uc.searchAnnouncements.execute(viewer, { ...upcoming, ...query })).items.map((item) => item.title);
    const sent = statementsSent;

    it('asks only for the stamps when nothing changed, and searches again when a hit did', async () => {
      const core = await aProcess();
      const a = await core.announce({ approval: 'auto', capacity: 3 });
      const search = () => titles(core, USERS.guest);
      const first = await sent(search);
      expect(first, 'not kept yet: the epoch, then the search').to.have.length(2);
      expect(first[0]).to.equal(STAMPS);
      expect(await sent(search)).to.deep.equal([STAMPS]);
      await core.book(a.id, USERS.friend);
      expect(await sent(search)).to.deep.equal(first);
      expect(await sent(search)).to.deep.equal([STAMPS]);
    });

    it('sees another process’s writes on its next search: a screening in or out, a seat freed on a full one, a block', async () => {
      const [one, other] = [await aProcess(), await aProcess()];
      const a = await one.announce({ title: 'A', approval: 'auto', capacity: 1 });
      const twice = async (viewer: string, query: Partial<SearchQuery> = {}) => {
        const [first, again] = [await titles(one, viewer, query), await titles(one, viewer, query)];
        expect(again, 'asked again').to.deep.equal(first);
        return first;
      };
      expect(await twice(USERS.guest)).to.deep.equal(['A']);
      await other.announce({ title: 'B', startsAt: at(3 * DAY) }, USERS.other);
      expect(await twice(USERS.guest), 'a new screening').to.deep.equal(['A', 'B']);

      expect(await twice(USERS.guest, { hasSeats: true })).to.deep.equal(['A', 'B']);
      const booking = await other.book(a.id, USERS.friend);
      expect(await twice(USERS.guest, { hasSeats: true }), 'A full').to.deep.equal(['B']);
      ok(await other.uc.changeBookingStatus.execute({ actorId: USERS.friend, bookingId: booking.id, status: 'cancelled' }));
      expect(await twice(USERS.guest, { hasSeats: true }), 'a seat freed on A, which was on no kept page').to.deep.equal(['A', 'B']);

      ok(await other.uc.updateAnnouncement.execute({ actorId: USERS.host, announcementId: a.id, changes: { startsAt: at(5 * DAY) } }));
      expect(await twice(USERS.guest), 'A moved after B').to.deep.equal(['B', 'A']);

      expect(await twice(USERS.stranger)).to.deep.equal(['B', 'A']);
      ok(await other.uc.blockUser.execute(USERS.host, USERS.stranger));
      expect(await twice(USERS.stranger), 'blocked by A’s host (S3)').to.deep.equal(['B']);
    });

    it('searches again once a hit has started, as time takes it out of the upcoming', async () => {
      const core = await aProcess();
      await core.announce({ title: 'Soon', startsAt: at(2 * HOUR) });
      await core.announce({ title: 'Later', startsAt: at(3 * DAY) }, USERS.other);
      expect(await titles(core, USERS.guest)).to.deep.equal(['Soon', 'Later']);
      core.clock.advance(HOUR);
      expect(await sent(() => titles(core, USERS.guest)), 'before the start: kept').to.deep.equal([STAMPS]);
      core.clock.advance(HOUR + 60_000);
      expect(await titles(core, USERS.guest), 'a minute after Soon’s start').to.deep.equal(['Later']);
    });

    it('asks for the stamps of every page asked at the same moment in one statement', async () => {
      const core = await aProcess();
      await core.announce({ title: 'One', tags: ['snacks'] });
      await core.announce({ title: 'Two', startsAt: at(40 * DAY) }, USERS.other);
      const searchAll = () => Promise.all([USERS.guest, USERS.stranger].flatMap((viewer) =>
        [{}, { tags: ['snacks'] }, { hasSeats: true }].map((query) => titles(core, viewer, query))));
      const found = await searchAll();
      expect(await sent(searchAll)).to.deep.equal([STAMPS]);
      expect(await searchAll()).to.deep.equal(found);
    });

    it('asks for the stamps of kept detail reads and kept pages of the same moment in one statement', async () => {
      const core = await aProcess();
      const a = await core.announce({ title: 'One' });
      const both = () => Promise.all([titles(core, USERS.guest), core.uc.getAnnouncement.execute(USERS.guest, a.id)]);
      await both();
      expect(await sent(both)).to.deep.equal([STAMPS]);
    });

    it('keeps nothing with SEARCH_CACHE_SIZE=0', async () => {
      const core = await aProcess(0);
      await core.announce();
      await titles(core, USERS.guest);
      const texts = await sent(() => titles(core, USERS.guest));
      expect(texts).to.have.length(1);
      expect(texts[0]).to.not.equal(STAMPS);
    });
  });
}
