import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { Film } from '../../domain/index.js';
import { LIMITS } from '../../domain/index.js';
import type { FilmCatalog, UserDirectory } from '../../application/index.js';
import { StartupError } from '../startup-error.js';

const DirectoryFile = z.object({
  users: z.array(z.object({ id: z.uuid(), name: z.string().min(1), friends: z.array(z.uuid()).default([]) })),
  movies: z.array(z.object({
    id: z.string().min(1).max(64),
    title: z.string().min(1),
    durationMinutes: z.number().int().min(LIMITS.durationMinutes.min).max(LIMITS.durationMinutes.max),
  })),
});
export type DirectoryData = z.input<typeof DirectoryFile>;

/**
 * The users and films neighbours of SPEC §7 for a single machine, read once from a JSON
 * file. Friendship is made mutual: if either side lists the other, they are friends.
 */
export class EmbeddedDirectory implements UserDirectory, FilmCatalog {
  private constructor(
    private readonly names: ReadonlyMap<string, string>,
    private readonly friends: ReadonlyMap<string, ReadonlySet<string>>,
    private readonly films: ReadonlyMap<string, Film>,
  ) {}

  static async fromFile(path: string): Promise<EmbeddedDirectory> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new StartupError(`DIRECTORY_FILE ${resolve(path)}: ${reason}. Point DIRECTORY_FILE at a users-and-films JSON file, or unset it for the demo data.`);
    }
    const parsed = DirectoryFile.safeParse(raw);
    if (!parsed.success) throw new StartupError(`DIRECTORY_FILE ${resolve(path)}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
    return EmbeddedDirectory.of(parsed.data);
  }

  static of(data: DirectoryData): EmbeddedDirectory {
    const parsed = DirectoryFile.parse(data);
    const friends = new Map<string, Set<string>>();
    const befriend = (a: string, b: string): void => {
      if (!friends.has(a)) friends.set(a, new Set());
      friends.get(a)!.add(b);
    };
    for (const user of parsed.users) for (const friend of user.friends) if (friend !== user.id) { befriend(user.id, friend); befriend(friend, user.id); }
    return new EmbeddedDirectory(
      new Map(parsed.users.map((u) => [u.id, u.name])),
      friends,
      new Map(parsed.movies.map((m) => [m.id, m])),
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

  /** For the start-up banner: a few users to print dev tokens for. */
  sampleUsers(count: number): Array<{ id: string; name: string }> {
    return [...this.names].slice(0, count).map(([id, name]) => ({ id, name }));
  }

  sampleFilm(): Film | undefined {
    return this.films.values().next().value;
  }
}
