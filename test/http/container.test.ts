import { expect } from 'chai';
import sinon from 'sinon';
import type { LinkShortener, UserDirectory } from '../../src/application/index.js';
import { resolve, TOKENS, type Token } from '../../src/container.js';
import { compose } from '../../src/main.js';
import { memoryStorage } from '../../src/storage/memory.storage.js';
import { ok } from '../support/core.js';
import { aDraft, FILM, testConfig, TestClock, useClock, USERS } from '../support/fixtures.js';

/** The wiring is Inversify's: each port is a token, and a test or a deployment may put another adapter behind it. */
describe('The container', () => {
  it('resolves every token it binds', async () => {
    const service = await compose(testConfig(), { storage: await memoryStorage() });
    for (const [name, id] of Object.entries(TOKENS)) expect(resolve(service.container, id as Token<unknown>), name).to.not.equal(undefined);
    await service.close();
  });

  it('lets a test replace one adapter — the link shortener — and every use case gets the replacement', async () => {
    const links: LinkShortener = { next: sinon.stub().resolves({ code: 'fixedcode001', url: 'https://short.example/fixedcode001' }) };
    const service = await compose(testConfig(), {
      storage: await memoryStorage(),
      rebind: (container) => { container.rebind(TOKENS.links).toConstantValue(links); useClock(new TestClock())(container); },
    });
    const created = ok(await service.useCases.createAnnouncement.execute({ hostId: USERS.host, movieId: FILM.id, draft: aDraft() }));
    expect(created.shortUrl).to.equal('https://short.example/fixedcode001');
    const booked = ok(await service.useCases.createBooking.execute({ guestId: USERS.guest, announcementId: created.id }));
    expect(booked.shortUrl).to.equal('https://short.example/fixedcode001');
    expect((links.next as sinon.SinonStub).callCount).to.equal(2);
    await service.close();
  });

  it('lets a deployment put another user directory behind the port, leaving the films where they were', async () => {
    const users: UserDirectory = { namesOf: async (ids) => new Map(ids.map((id) => [id, `User ${id.slice(-2)}`])), friendsOf: async () => [] };
    const service = await compose(testConfig(), {
      storage: await memoryStorage(),
      rebind: (container) => { container.rebind(TOKENS.users).toConstantValue(users); useClock(new TestClock())(container); },
    });
    const created = ok(await service.useCases.createAnnouncement.execute({ hostId: USERS.host, movieId: FILM.id, draft: aDraft() }));
    expect(created.host.name).to.equal('User 01');
    expect(created.movie).to.deep.equal(FILM);
    await service.close();
  });
});
