import { createServer, type Server } from 'node:net';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StartupError } from '../startup-error.js';

type Holder = { readonly pid: number; readonly host: string; readonly since: string };

const LOCK_FILE = 'watch-together.lock';

const readHolder = async (path: string): Promise<Holder | null> => {
  try {
    const holder = JSON.parse(await readFile(path, 'utf8')) as Partial<Holder>;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? (holder as Holder) : null;
  } catch {
    return null;
  }
};

const inUse = (dataDir: string, holder: Holder | null): StartupError =>
  new StartupError(holder
    ? `DATA_DIR ${dataDir} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}): stop that process, or give this one another DATA_DIR.`
    : `DATA_DIR ${dataDir} is in use by another process on this machine: stop it, or give this one another DATA_DIR.`);

/**
 * The mutex: a listening socket in Linux's abstract namespace, named after the folder's device
 * and inode (the same folder under any path or mount). Binding a name is atomic, and the kernel
 * lets go of it when its process dies in any way, kill -9 included — so there is no stale lock
 * to take over and no moment at which two processes can both believe they hold it.
 */
const bindAbstract = async (dataDir: string): Promise<Server | 'taken' | 'unsupported'> => {
  if (process.platform !== 'linux') return 'unsupported';
  const { dev, ino } = await stat(dataDir);
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve('taken') : reject(error)));
    server.listen({ path: `\0watch-together:${dev}:${ino}` }, () => resolve(server.unref()));
  });
};

/**
 * The embedded database belongs to one process (RULES §8): a second one on the same DATA_DIR
 * would write the same files and lose acknowledged data. On one machine the abstract socket
 * decides; the lock file beside the data only says who holds the folder, and keeps out a
 * process on another host that shares the folder (a network file system), which the socket
 * cannot see. A file naming another host is never taken over: only its operator knows whether
 * that process still runs.
 */
export class DataDirLock {
  private constructor(private readonly path: string, private readonly mutex: Server | null) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const path = join(dataDir, LOCK_FILE);
    const mutex = await bindAbstract(dataDir);
    if (mutex === 'taken') throw inUse(dataDir, await readHolder(path));
    const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    if (mutex === 'unsupported') return DataDirLock.exclusiveFile(dataDir, path, me);
    try {
      const left = await readHolder(path);
      if (left && left.host !== me.host) throw inUse(dataDir, left);
      // Only this process can be here, so a file left on this host is a dead process's. Written
      // aside and renamed, so a reader never sees half a file.
      await writeFile(`${path}.${process.pid}`, JSON.stringify(me), { mode: 0o600 });
      await rename(`${path}.${process.pid}`, path);
      return new DataDirLock(path, mutex);
    } catch (error) {
      mutex.close();
      throw error;
    }
  }

  /**
   * Without abstract sockets (not Linux) the file alone is the lock, created exclusively and
   * never taken over: deciding that its holder died and replacing the file cannot be made
   * atomic, so a file left by a crash is for the operator to remove.
   */
  private static async exclusiveFile(dataDir: string, path: string, me: Holder): Promise<DataDirLock> {
    try {
      await writeFile(path, JSON.stringify(me), { flag: 'wx', mode: 0o600 });
      return new DataDirLock(path, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      throw new StartupError(`DATA_DIR ${dataDir} is locked by ${path}: if no process uses the folder any more, remove that file.`);
    }
  }

  async release(): Promise<void> {
    if (this.mutex && !this.mutex.listening) return;
    await unlink(this.path).catch(() => undefined);
    const mutex = this.mutex;
    if (mutex) await new Promise((resolve) => mutex.close(resolve));
  }
}
