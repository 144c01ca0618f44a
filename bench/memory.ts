import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Tally, writeUntil } from '../test/support/load.js';
import { ServiceProcess } from '../test/support/service-process.js';

const rssMb = async (pid: number): Promise<number> =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${pid}/status`, 'utf8'))![1]) / 1024);

/** Writes on the memory-storage baseline. */
const MEMORY_STORAGE_WRITES = 20_000;

export type MemoryRow = { run: string; 'idle RSS (MB)': number; 'peak RSS under load (MB)': number; 'RSS after, settled (MB)': number; 'requests under load': number; 'requests/s': number };

/** RSS of one service process: settled idle, the peak while 16 clients make `writes` write requests, and settled again after them. */
const measure = async (run: string, env: Record<string, string>, writes: number, restartFirst: boolean): Promise<MemoryRow> => {
  const entry = resolve('dist/main.js');
  if (restartFirst) {
    const first = await ServiceProcess.start(env, entry);
    await first.until(() => first.ready(), 60_000);
    await first.stop();
  }
  const service = await ServiceProcess.start({ ...env, LOG_LEVEL: 'silent' }, entry);
  try {
    await service.until(() => service.ready(), 60_000);
    await sleep(3_000);
    const idle = await rssMb(service.child.pid!);
    const tally = new Tally();
    const stop = new AbortController();
    const started = performance.now();
    const load = writeUntil(service.base, 16, stop.signal, tally);
    let peak = 0;
    while (tally.requests < writes) {
      await sleep(250);
      peak = Math.max(peak, await rssMb(service.child.pid!));
    }
    stop.abort();
    await load;
    const perSecond = Math.round(tally.requests / ((performance.now() - started) / 1000));
    if (tally.violations.length > 0) throw new Error(`${run}: ${tally.violations[0]}`);
    await sleep(3_000);
    return { run, 'idle RSS (MB)': idle, 'peak RSS under load (MB)': peak, 'RSS after, settled (MB)': await rssMb(service.child.pid!),
      'requests under load': tally.requests, 'requests/s': perSecond };
  } finally {
    await service.stop();
  }
};

/**
 * The embedded default's memory, as `npm start` runs it (built, PGlite in a folder), after a
 * restart — its steady state — and on a first start; the same process on memory storage is the
 * baseline of what Node, Koa and the service cost without a database.
 */
export const measureEmbeddedMemory = async (writes = 2_000): Promise<MemoryRow[]> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wt-bench-mem-'));
  try {
    // Memory storage is the tests' double: its scans grow with the data, so 200 000 writes would take
    // it longer than the embedded database. Its figure is the cost of Node and the service alone.
    const baseline = await measure('baseline: STORAGE=memory', { STORAGE: 'memory' }, Math.min(writes, MEMORY_STORAGE_WRITES), false);
    const restarted = await measure('embedded (PGlite), after a restart', { DATA_DIR: dataDir }, writes, true);
    await rm(dataDir, { recursive: true, force: true });
    const first = await measure('embedded (PGlite), first start in an empty folder', { DATA_DIR: dataDir }, Math.min(writes, 2_000), false);
    return [baseline, restarted, first];
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
