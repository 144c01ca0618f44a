import { access, chmod, mkdir, mkdtemp, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { StartupError } from '../startup-error.js';
import { DataDirLock } from './data-dir-lock.js';

const SOCKET_NAME = '.s.PGSQL.5432';

/**
 * PostgreSQL's defaults size a server's caches (shared_buffers 128 MB and friends); one process
 * of one service needs far less, and PGlite's memory, once grown, is never given back. These
 * settings took a restarted embedded database from 384 to 268 MB RSS (docs/RELIABILITY.md).
 */
const SETTINGS = ['shared_buffers = 16MB', 'work_mem = 2MB', 'maintenance_work_mem = 16MB', 'temp_buffers = 2MB', 'wal_buffers = 1MB'];
/** A Unix socket path must fit in sun_path (108 bytes on Linux) with room to spare. */
const MAX_SOCKET_PATH = 100;

/** Where the socket lives: in DATA_DIR when its path fits, else in a private temporary folder. */
const socketDirFor = async (dataDir: string): Promise<{ dir: string; temporary: boolean }> => {
  if (dataDir && join(resolve(dataDir), SOCKET_NAME).length <= MAX_SOCKET_PATH) return { dir: resolve(dataDir), temporary: false };
  return { dir: await mkdtemp(join(tmpdir(), 'wt-pg-')), temporary: true };
};

const code = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? String(error);

/**
 * The folder is the only guard of the data: PGlite writes every file 0666 whatever the umask,
 * so the write-ahead log (addresses included) and pg_hba.conf are as private as the folder
 * above them. It is made 0700 whether this process created it or found it; a folder that
 * cannot be closed to other users (not ours, or a file system that ignores modes) stops
 * start-up with one line, before a byte is written into it.
 */
const prepare = async (dataDir: string): Promise<void> => {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${dataDir} cannot be created (${code(error)}): choose a folder this user may write.`);
  }
  const refused = await chmod(dataDir, 0o700).then(() => null, code);
  const mode = (await stat(dataDir)).mode & 0o777;
  if (refused || (mode & 0o077) !== 0)
    throw new StartupError(`DATA_DIR ${dataDir} is open to other users (mode ${mode.toString(8).padStart(4, '0')}) and cannot be made private` +
      `${refused ? ` (${refused})` : ''}: use a folder this user owns on a file system that keeps modes.`);
};

/**
 * PostgreSQL in WASM, persisted in a folder (or in memory when `dataDir` is empty), served to
 * `pg`, node-pg-migrate and every PostgreSQL adapter over a Unix socket that only this user
 * can open: no TCP port, so nobody else on the machine can read or stall the database. The
 * folder is locked to this process. PGlite is one session: transactions run one after another.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly socket: { dir: string; temporary: boolean },
    private readonly lock: DataDirLock | null,
    readonly url: string,
    /** The folder held no database before this start: PGlite ran initdb in it. */
    readonly created: boolean,
  ) {}

  static async start(dataDir: string, maxConnections: number): Promise<EmbeddedPostgres> {
    if (dataDir) await prepare(dataDir);
    const lock = dataDir ? await DataDirLock.acquire(dataDir) : null;
    try {
      const created = !dataDir || !(await access(join(dataDir, 'PG_VERSION')).then(() => true, () => false));
      const db = await PGlite.create(dataDir || undefined, { extensions: { btree_gist, cube, earthdistance }, postgresqlconf: SETTINGS });
      const socket = await socketDirFor(dataDir);
      const path = join(socket.dir, SOCKET_NAME);
      // We hold the lock, so a socket file left here is a dead process's.
      await unlink(path).catch(() => undefined);
      const umask = process.umask(0o077);
      const server = new PGLiteSocketServer({ db, path, maxConnections });
      try {
        await server.start();
      } finally {
        process.umask(umask);
      }
      const url = `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socket.dir)}`;
      return new EmbeddedPostgres(db, server, socket, lock, url, created);
    } catch (error) {
      await lock?.release();
      throw error;
    }
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.socket.temporary) await rm(this.socket.dir, { recursive: true, force: true });
    await this.lock?.release();
  }
}
