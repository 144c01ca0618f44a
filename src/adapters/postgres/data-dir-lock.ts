import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../startup-error.js';

type Holder = { readonly pid: number; readonly host: string; readonly since: string };

const LOCK_FILE = 'watch-together.lock';

/** Is that process still running? Another user's process answers EPERM, which still means yes. */
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const readHolder = async (path: string): Promise<Holder | null> => {
  try {
    const holder = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as Holder) : null;
  } catch {
    return null;
  }
};

/**
 * The embedded database belongs to one process (RULES §8): a second one on the same DATA_DIR
 * would write the same files and lose acknowledged data. The lock is a file created
 * exclusively; a holder that died (kill -9, power loss) is noticed and replaced.
 */
export class DataDirLock {
  private constructor(private readonly path: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const path = join(dataDir, LOCK_FILE);
    const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await writeFile(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(path);
      if (holder && (holder.host !== me.host || alive(holder.pid)))
        throw new StartupError(`DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}): ` +
          'stop that process, or give this one another DATA_DIR.');
      // The holder is gone: its lock is stale.
      await unlink(path).catch(() => undefined);
    }
    throw new StartupError(`DATA_DIR ${dataDir}: another process took the lock ${path} while this one started; try again.`);
  }

  async release(): Promise<void> {
    const holder = await readHolder(this.path);
    if (holder?.pid === process.pid) await unlink(this.path).catch(() => undefined);
  }
}
