import { expect } from 'chai';
import sinon from 'sinon';
import { NeighbourUnavailableError } from '../../src/application/errors.js';
import type { RatingReader } from '../../src/application/ports/rating-reader.port.js';
import { People } from '../../src/application/shared/people.js';
import { USERS } from '../support/fixtures.js';

/** Names are display data and friendship fails closed: what People does when the user service cannot answer. */
describe('People: names, ratings and friends of a response', () => {
  const down = () => new NeighbourUnavailableError('users', 'timed out');
  let users: { namesOf: sinon.SinonStub; friendsOf: sinon.SinonStub };
  let ratings: { ofUsers: sinon.SinonStub; reliabilityOf: sinon.SinonStub };
  let people: People;
  beforeEach(() => {
    users = { namesOf: sinon.stub().resolves(new Map([[USERS.host, 'Hanna Host']])), friendsOf: sinon.stub().resolves([USERS.friend]) };
    ratings = { ofUsers: sinon.stub().resolves(new Map()), reliabilityOf: sinon.stub().resolves(new Map()) };
    people = new People(users, ratings as unknown as RatingReader);
  });

  it('asks once for each person, and not at all for nobody', async () => {
    expect((await people.names([USERS.host, USERS.host])).get(USERS.host)).to.equal('Hanna Host');
    expect(await people.friendsOf(USERS.host)).to.deep.equal([USERS.friend]);
    expect(users.namesOf.firstCall.args[0]).to.deep.equal([USERS.host]);
    await people.facts([USERS.host, USERS.guest, USERS.host]);
    expect(ratings.ofUsers.firstCall.args[0]).to.deep.equal([USERS.host, USERS.guest]);
    await people.reliabilityOf([USERS.guest, USERS.guest]);
    expect(ratings.reliabilityOf.firstCall.args[0]).to.deep.equal([USERS.guest]);
    const nobody = await people.facts([]);
    expect([nobody.names.size, nobody.ratings.size, (await people.names([])).size, (await people.reliabilityOf([])).size]).to.deep.equal([0, 0, 0, 0]);
    expect([users.namesOf.callCount, ratings.ofUsers.callCount, ratings.reliabilityOf.callCount]).to.deep.equal([2, 1, 1]);
  });

  it('goes on without names when the user service is down, and shows no friends-only screening', async () => {
    users.namesOf.rejects(down());
    users.friendsOf.rejects(down());
    expect((await people.names([USERS.host])).size).to.equal(0);
    expect(await people.friendsOf(USERS.host)).to.deep.equal([]);
  });

  it('lets any other failure through', async () => {
    users.namesOf.rejects(new TypeError('a bug'));
    users.friendsOf.rejects(new TypeError('a bug'));
    expect(await people.names([USERS.host]).then(() => 'answered', (e: Error) => e.message)).to.equal('a bug');
    expect(await people.friendsOf(USERS.host).then(() => 'answered', (e: Error) => e.message)).to.equal('a bug');
    expect(await people.friendsOf(USERS.host).catch(() => null)).to.equal(null);
  });
});
