import type { Film } from '../../domain/index.js';
import type { FilmCatalog, UserDirectory } from '../../application/index.js';

export type DirectoryData = {
  readonly users: ReadonlyArray<{ readonly id: string; readonly name: string; readonly friends?: readonly string[] }>;
  readonly movies: readonly Film[];
};

/**
 * The users and films neighbours of RULES §7 held in memory: the embedded default (read from
 * DIRECTORY_FILE) and a stand-in for tests. Friendship is made mutual: if either side lists
 * the other, they are friends.
 */
export class MemoryDirectory implements UserDirectory, FilmCatalog {
  private constructor(
    private readonly names: ReadonlyMap<string, string>,
    private readonly friends: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly films: ReadonlyMap<string, Film>,
  ) {}

  static of(data: DirectoryData): MemoryDirectory {
    const friends = new Map<string, Set<string>>();
    const befriend = (a: string, b: string): void => {
      if (!friends.has(a)) friends.set(a, new Set());
      friends.get(a)!.add(b);
    };
    for (const user of data.users) for (const friend of user.friends ?? []) if (friend !== user.id) { befriend(user.id, friend); befriend(friend, user.id); }
    return new MemoryDirectory(
      new Map(data.users.map((u) => [u.id, u.name])),
      friends,
      new Map(data.movies.map((m) => [m.id, { id: m.id, title: m.title, durationMinutes: m.durationMinutes }])),
    );
  }

  async namesOf(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const found = new Map<string, string>();
    for (const id of userIds) {
      const name = this.names.get(id);
      if (name !== undefined) found.set(id, name);
    }
    return found;
  }

  async friendsOf(userId: string): Promise<readonly string[]> {
    return [...(this.friends.get(userId) ?? [])];
  }

  async byId(movieId: string): Promise<Film | null> {
    return this.films.get(movieId) ?? null;
  }

  async search(query: string, limit: number): Promise<Film[]> {
    return filmsMatching([...this.films.values()], query, limit);
  }

  /** For the start-up banner: a few users to print dev tokens for. */
  sampleUsers(count: number): Array<{ id: string; name: string }> {
    return [...this.names].slice(0, count).map(([id, name]) => ({ id, name }));
  }

  sampleFilms(count: number): Film[] {
    return [...this.films.values()].slice(0, count);
  }

  sampleFilm(): Film | undefined {
    return this.films.values().next().value;
  }
}

const folded = (text: string): string => text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('und');

/**
 * The film picker's match (GET /movies?q=): every word of the query inside the title, ignoring
 * case and accents; titles that start with the query first, then by title.
 */
export const filmsMatching = (films: readonly Film[], query: string, limit: number): Film[] => {
  const q = folded(query.trim());
  const words = q.split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return films
    .map((film) => ({ film, title: folded(film.title) }))
    .filter(({ title }) => words.every((w) => title.includes(w)))
    .sort((a, b) => Number(b.title.startsWith(q)) - Number(a.title.startsWith(q)) || a.title.localeCompare(b.title) || a.film.id.localeCompare(b.film.id))
    .slice(0, limit)
    .map(({ film }) => film);
};
