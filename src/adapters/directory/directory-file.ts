import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { LIMITS } from '../../domain/index.js';
import { MemoryDirectory } from '../memory/memory-directory.js';
import { StartupError } from '../startup-error.js';

const DirectoryFile = z.object({
  users: z.array(z.object({ id: z.uuid(), name: z.string().min(1), friends: z.array(z.uuid()).default([]) })),
  movies: z.array(z.object({
    id: z.string().min(1).max(64),
    title: z.string().min(1),
    durationMinutes: z.number().int().min(LIMITS.durationMinutes.min).max(LIMITS.durationMinutes.max),
  })),
});

/** The embedded users and films (DIRECTORY_FILE), read once and checked; a bad file is one line naming the setting. */
export const readDirectoryFile = async (path: string): Promise<MemoryDirectory> => {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new StartupError(`DIRECTORY_FILE ${resolve(path)}: ${reason}. Point DIRECTORY_FILE at a users-and-films JSON file, or unset it for the demo data.`);
  }
  const parsed = DirectoryFile.safeParse(raw);
  if (!parsed.success) throw new StartupError(`DIRECTORY_FILE ${resolve(path)}: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
  return MemoryDirectory.of(parsed.data);
};
