import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DirectoryData } from '../src/adapters/memory/memory-directory.js';
import { loadConfig, type Config } from '../src/config.js';
import { compose, type Service } from '../src/main.js';
import { memoryStorage } from '../src/storage/memory.storage.js';
import { StandInNeighbours } from '../test/support/stand-in-neighbours.js';
import { percentiles } from './stats.js';

export type NeighbourRow = { run: string; 'users calls': number; 'films calls': number; p50: number; p95: number; 'ratio to embedded': number | string };

const HOST = '60000000-0000-4000-8000-000000000000';
const FRIEND = '60000000-0000-4000-8000-000000000999';
const GUESTS = Array.from({ length: 25 }, (_, i) => `60000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);
const DATA: DirectoryData = {
  users: [{ id: HOST, name: 'Host', friends: [FRIEND, ...GUESTS] }, { id: FRIEND, name: 'Friend' }, ...GUESTS.map((id, i) => ({ id, name: `Guest ${i + 1}` }))],
  movies: [{ id: 'tt0133093', title: 'The Matrix', durationMinutes: 136 }],
};
/** Each answer of the stand-in services takes this long: a round trip inside a data centre. */
const LATENCY_MS = 2;

type Running = { service: Service; base: string; stop(): Promise<void> };

const serve = async (config: Config, storage?: Service['storage']): Promise<Running> => {
  const service = await compose(config, { storage: storage ?? (await memoryStorage()) });
  const server = service.app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', r));
  return {
    service, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`,
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
};

/**
 * The detail read of a friends-only screening with 25 accepted guests, by a friend of the host
 * who has not booked (the read that needs names and friendship): neighbours embedded (the
 * baseline), over HTTP with nothing cached (a fresh service per read), over HTTP warm, and the
 * original design's 2 + 2N calls made one after another against the same stand-in.
 */
export const measureNeighbours = async (samples = 100): Promise<NeighbourRow[]> => {
  const standIn = await StandInNeighbours.start(DATA);
  standIn.fault('users', { kind: 'slow', ms: LATENCY_MS });
  standIn.fault('films', { kind: 'slow', ms: LATENCY_MS });
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  // The embedded baseline reads the same users and films from a directory file.
  const folder = await mkdtemp(join(tmpdir(), 'wt-bench-'));
  const directoryFile = join(folder, 'directory.json');
  await writeFile(directoryFile, JSON.stringify(DATA));
  const embedded = { ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0', RATE_LIMIT_ANONYMOUS: '0', STORAGE: 'memory', JWT_SECRET: secret, WATCHER_INTERVAL_MS: '0', DIRECTORY_FILE: directoryFile }), port: 0 };
  const overHttp: Config = { ...embedded, neighbours: { ...embedded.neighbours, usersUrl: standIn.url, moviesUrl: standIn.url } };
  const setup = await serve(overHttp);
  const tokens = setup.service.tokens!;
  const auth = async (user: string) => ({ Authorization: `Bearer ${await tokens.issue(user, 3600)}`, 'Content-Type': 'application/json' });
  const created = await fetch(`${setup.base}/announcements`, {
    method: 'POST', headers: await auth(HOST),
    body: JSON.stringify({ movieId: 'tt0133093', title: 'Bench night', startsAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      place: { city: 'Berlin', address: 'Bench 1' }, capacity: 30, privacy: 'friends', approval: 'auto' }),
  });
  const { id } = (await created.json()) as { id: string };
  for (const guest of GUESTS) await fetch(`${setup.base}/announcements/${id}/bookings`, { method: 'POST', headers: await auth(guest), body: '{}' });
  const friend = await auth(FRIEND);

  const time = async (work: () => Promise<unknown>): Promise<number> => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const read = (base: string) => async () => {
    const reply = await fetch(`${base}/announcements/${id}`, { headers: friend });
    const body = (await reply.json()) as { guests?: unknown[] };
    if (reply.status !== 200 || body.guests?.length !== 25) throw new Error(`detail read: ${reply.status}`);
  };
  const run = async (name: string, once: () => Promise<number>): Promise<{ name: string; ms: number[]; users: number; films: number }> => {
    for (let i = 0; i < 10; i++) await once();
    standIn.calls.users.length = 0;
    standIn.calls.films.length = 0;
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) ms.push(await once());
    return { name, ms, users: standIn.count('users') / samples, films: standIn.count('films') / samples };
  };

  try {
    const runs = [];
    const base = await serve(embedded, setup.service.storage);
    runs.push(await run('baseline: users and films embedded', () => time(read(base.base))));
    await base.stop();
    runs.push(await run('over HTTP, nothing cached (a fresh service per read)', async () => {
      const fresh = await serve(overHttp, setup.service.storage);
      try {
        return await time(read(fresh.base));
      } finally {
        await fresh.stop();
      }
    }));
    runs.push(await run('over HTTP, warm caches', () => time(read(setup.base))));
    const users = `${standIn.url}/users`;
    runs.push(await run('the original design: 2 + 2N calls, one after another (calls only)', () => time(async () => {
      await fetch(`${standIn.url}/movies/tt0133093`).then((r) => r.text());
      await fetch(`${users}?ids=${HOST}`).then((r) => r.text());
      for (const guest of GUESTS) {
        await fetch(`${users}?ids=${guest}`).then((r) => r.text());
        await fetch(`${users}/${guest}/friends`).then((r) => r.text());
      }
    })));
    const baseline = percentiles(runs[0]!.ms).p50;
    return runs.map((r) => {
      const { p50, p95 } = percentiles(r.ms);
      return { run: r.name, 'users calls': r.users, 'films calls': r.films, p50, p95, 'ratio to embedded': Math.round((p50 / baseline) * 10) / 10 };
    });
  } finally {
    await setup.stop();
    await standIn.stop();
    await rm(folder, { recursive: true });
  }
};
