import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

/** initdb and pg_ctl refuse to run as root; as root (CI), they run as the `postgres` user. */
const asPostgres = async (command: string, args: string[]): Promise<void> => {
  if (process.getuid?.() === 0) await run('su', ['postgres', '-s', '/bin/sh', '-c', [command, ...args.map((a) => `'${a}'`)].join(' ')]);
  else await run(command, args);
};

/** A folder of the test's own that the `postgres` user may write (as root, CI). */
const ownDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'wt-cluster-'));
  if (process.getuid?.() === 0) await chown(dir, Number((await run('id', ['-u', 'postgres'])).stdout.trim()), 0);
  return dir;
};

/** How a streaming replica is made from a primary, here and in deploy/compose.yaml: recovery settings written (-R), WAL streamed while copying. */
export const BASEBACKUP_FLAGS = ['-R', '-X', 'stream', '-c', 'fast'] as const;

/**
 * A PostgreSQL server of the test's own, on a free port, that the test may stop and restart:
 * the machine's shared server must never be restarted by a test.
 */
export class ThrowawayCluster {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<ThrowawayCluster> {
    const dir = await ownDir();
    await asPostgres('initdb', ['-D', join(dir, 'data'), '-U', 'postgres', '--auth=trust', '-N']);
    const cluster = new ThrowawayCluster(dir, await freePort());
    await cluster.pgCtl('start');
    return cluster;
  }

  /**
   * A streaming replica of this server (`pg_basebackup -R`), started: what the primary has
   * committed it applies `applyDelayMs` later (`recovery_min_apply_delay`), so a test can tell
   * a read on the replica from one on the primary.
   */
  async replica({ applyDelayMs = 0 } = {}): Promise<ThrowawayCluster> {
    const dir = await ownDir();
    await asPostgres('pg_basebackup', ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres', '-D', join(dir, 'data'), ...BASEBACKUP_FLAGS]);
    const replica = new ThrowawayCluster(dir, await freePort());
    await replica.pgCtl('start', ...(applyDelayMs > 0 ? ['-o', `-c recovery_min_apply_delay=${applyDelayMs}ms`] : []));
    return replica;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): Promise<void> {
    return this.pgCtl('start');
  }

  /** `-m fast`: open connections are terminated (57P01), as in a real failover or upgrade. */
  restart(): Promise<void> {
    return this.pgCtl('restart', '-m', 'fast');
  }

  stop(): Promise<void> {
    return this.pgCtl('stop', '-m', 'fast');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  private pgCtl(action: string, ...flags: string[]): Promise<void> {
    return asPostgres('pg_ctl', ['-D', join(this.dir, 'data'), '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      '-l', join(this.dir, 'log'), '-w', action, ...flags]);
  }
}
