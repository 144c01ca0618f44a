import { expect } from 'chai';
import type { FilmCatalog, LinkShortener, UserDirectory } from '../../application/index.js';
import type { DirectoryData } from '../../adapters/memory/memory-directory.js';
import { globalTestApi, type TestApi } from '../test-api.js';

/** The neighbours of RULES §7 as one adapter family provides them, over the given users and films. */
export type Neighbours = {
  readonly users: UserDirectory;
  readonly films: FilmCatalog;
  readonly links: LinkShortener;
  close(): Promise<void>;
};

export type NeighbourSubject = { readonly name: string; open(data: DirectoryData): Promise<Neighbours> };

const user = (n: number): string => `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** 250 users (more than one call to a user service may ask for), user 1 befriending 2 and 3. */
const DATA: DirectoryData = {
  users: Array.from({ length: 250 }, (_, i) => ({ id: user(i + 1), name: `User ${i + 1}`, friends: i === 0 ? [user(2), user(3)] : [] })),
  movies: [{ id: 'film-90', title: 'Ninety Minutes', durationMinutes: 90 }, { id: 'tt0133093', title: 'The Matrix', durationMinutes: 136 }],
};

/**
 * The promises of the users, films and short-link ports, whichever adapter keeps them: the
 * embedded directory and shortener, or the services over HTTP.
 */
export const neighbourContract = (subject: NeighbourSubject, { describe, it, beforeEach, afterEach }: TestApi = globalTestApi()): void => {
  describe(`Neighbour contracts on ${subject.name}`, () => {
    let n: Neighbours;
    beforeEach(async () => { n = await subject.open(DATA); });
    afterEach(() => n.close());

    describe('UserDirectory', () => {
      it('names the users it knows, leaves out the ones it does not, and takes duplicates in its stride', async () => {
        const names = await n.users.namesOf([user(7), user(9999), user(7), user(1)]);
        expect([...names].sort()).to.deep.equal([[user(1), 'User 1'], [user(7), 'User 7']]);
        expect((await n.users.namesOf([])).size).to.equal(0);
      });

      it('names as many users as it is asked for at once', async () => {
        const ids = DATA.users.map((u) => u.id);
        const names = await n.users.namesOf(ids);
        expect(names.size).to.equal(250);
        expect(names.get(user(250))).to.equal('User 250');
      });

      it('takes friendship as mutual, and a stranger as friendless', async () => {
        expect([...(await n.users.friendsOf(user(1)))].sort()).to.deep.equal([user(2), user(3)]);
        expect(await n.users.friendsOf(user(2))).to.deep.equal([user(1)]);
        expect(await n.users.friendsOf(user(4))).to.deep.equal([]);
        expect(await n.users.friendsOf(user(9999))).to.deep.equal([]);
      });
    });

    describe('FilmCatalog', () => {
      it('finds a film by id, and answers null for one it does not know, whatever the id holds', async () => {
        expect(await n.films.byId('tt0133093')).to.deep.equal({ id: 'tt0133093', title: 'The Matrix', durationMinutes: 136 });
        for (const unknown of ['tt0000000', '../movies/film-90', 'film-90?x=1', 'film 90#'])
          expect(await n.films.byId(unknown), unknown).to.equal(null);
      });

      it('finds films by the words of their title, in any case, best match first, no more than asked', async () => {
        const titles = async (q: string, limit = 10) => (await n.films.search(q, limit)).map((f) => f.title);
        expect(await titles('matrix')).to.deep.equal(['The Matrix']);
        expect(await n.films.search('MATRIX the', 10)).to.deep.equal([{ id: 'tt0133093', title: 'The Matrix', durationMinutes: 136 }]);
        expect(await titles('i')).to.deep.equal(['Ninety Minutes', 'The Matrix']);
        expect(await titles('t'), 'a title that starts with the query first').to.deep.equal(['The Matrix', 'Ninety Minutes']);
        expect(await titles('i', 1)).to.deep.equal(['Ninety Minutes']);
        expect(await titles('nothing like it')).to.deep.equal([]);
      });
    });

    describe('LinkShortener', () => {
      it('makes a new absolute link and a new code every time', async () => {
        const [a, b] = [await n.links.next(), await n.links.next()];
        for (const link of [a, b]) {
          expect(link.code).to.match(/^[0-9A-Za-z]{8,32}$/);
          expect(new URL(link.url).protocol).to.match(/^https?:$/);
        }
        expect(a.code).to.not.equal(b.code);
        expect(a.url).to.not.equal(b.url);
      });
    });
  });
};
