import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import pg from 'pg';
import { migrate } from '../src/adapters/postgres/migrations.js';
import { inline } from '../src/adapters/postgres/pg-client.js';
import { inParts, PgAnnouncementSearch, searchParts } from '../src/adapters/postgres/pg-announcement-search.js';
import type { SearchCriteria } from '../src/application/index.js';
import { loadConfig } from '../src/config.js';
import { compose } from '../src/main.js';
import { type AimSources, aimsReport, type BenchResults, newest, type RunInfo } from './aims.js';
import { measureDelivery } from './delivery.js';
import { announced, measureHotPaths } from './hot-paths.js';
import { measureEmbeddedMemory } from './memory.js';
import { measureNeighbours } from './neighbours.js';
import { CITIES, seedScreenings, TAGS, WORDS } from './seed.js';
import { percentiles, table } from './stats.js';

/**
 * `npm run bench [-- --scales 10000,100000,1000000] [--samples 200] [--write-docs] [--keep]`
 * Seeds screenings straight in SQL on the PostgreSQL server (DATABASE_URL or the local one),
 * measures search latency through HTTP for the common filter mixes, and booking throughput
 * with and without contention. Numbers are reported as ratios to baselines from the same run.
 */
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] ?? fallback : fallback;
};
const SCALES = arg('scales', '10000,100000,1000000').split(',').map(Number);
const SAMPLES = Number(arg('samples', '200'));
const WRITE_DOCS = process.argv.includes('--write-docs');
const SEARCH_ONLY = arg('only', '') === 'search';
/** Leaves the seeded database in place (its name is printed) for EXPLAIN by hand. */
const KEEP = process.argv.includes('--keep');
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * `--only memory [--embedded-writes 2000]`: just the embedded default's RSS (needs `npm run build`; no database server).
 * `--only aims`: rewrites docs/PERFORMANCE-AIMS.md from the newest stored run of each part, measuring nothing.
 * `--only delivery`: the dispatcher. `--only neighbours`: a detail read with neighbours over HTTP.
 * `--only search [--scales 1000000,10000000]`: the search latency alone (bench/results-search.json).
 * `--only hot [--history 500000] [--history-screenings 1000000] [--seconds 10]`: the hot paths
 * against pgbench and a bare Koa route (bench/hot-paths.ts).
 */
/** docs/WRITE-PLANS.md: the hot statements' plans at the history's size. */
const writePlans = (plans: string[]) => writeFile('docs/WRITE-PLANS.md',
  `# Hot statements with ${HOT.history.toLocaleString('en')} accepted bookings among ${HOT.screenings.toLocaleString('en')} more screenings\n\n` +
  'Written by `npm run bench -- --write-docs` (or `--only hot --write-docs`): the statements the service sent for one booking, one detail ' +
  'read by a stranger and `GET /bookings` of a guest with 1 000 bookings, captured at the pg client, each EXPLAIN ANALYZEd in a ' +
  `transaction rolled back, and the deferred seat check's query.\n\n${plans.join('\n\n')}\n`);
const EMBEDDED_WRITES = Number(arg('embedded-writes', '200000'));
const EMBEDDED_WRITES_ONLY = Number(arg('embedded-writes', '2000'));
const HOT = { history: Number(arg('history', '500000')), screenings: Number(arg('history-screenings', '1000000')), seconds: Number(arg('seconds', '10')), keep: KEEP };
/** When, at which commit, by which command, on what: every bench/*.json carries it, and the aims name it. */
const runInfo = (): RunInfo => {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  const dirty = execSync('git status --porcelain --untracked-files=no').toString().trim() !== '';
  const cpu = cpus();
  return { date: new Date().toISOString(), commit: dirty ? `${commit} with uncommitted changes` : commit,
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(), machine: `${cpu.length} × ${cpu[0]?.model ?? 'cpu'}` };
};
const readRun = <T,>(file: string): Promise<T | undefined> => readFile(file, 'utf8').then((text) => JSON.parse(text) as T, () => undefined);
/** docs/PERFORMANCE-AIMS.md from the newest run of each part (bench/results*.json, bench/hot-paths.json). */
const writeAims = async (): Promise<void> => {
  const [full, search, hot, memory] = await Promise.all([
    readRun<BenchResults>('bench/results.json'), readRun<BenchResults>('bench/results-search.json'),
    readRun<BenchResults>('bench/hot-paths.json'), readRun<BenchResults>('bench/results-memory.json')]);
  const tenMillion = (r: BenchResults) => r.scales?.[1_000_000] !== undefined && Object.keys(r.scales).some((k) => Number(k) >= 10_000_000);
  const sources: AimSources = {
    hot: newest([full, hot], (r) => r.hot !== undefined) as AimSources['hot'],
    memory: newest([full, memory], (r) => r.memory !== undefined && r.embeddedWrites !== undefined) as AimSources['memory'],
    search: newest([full, search], (r) => r.scales?.[1_000_000] !== undefined),
    growth: newest([full, search], tenMillion),
  };
  await writeFile('docs/PERFORMANCE-AIMS.md', aimsReport(sources));
  console.log('wrote docs/PERFORMANCE-AIMS.md');
};
const writeJson = (file: string, value: unknown) => writeFile(file, `${JSON.stringify(value, null, 2)}\n`);

// `--only aims`: docs/PERFORMANCE-AIMS.md again from the runs stored in bench/*.json, measuring nothing.
if (arg('only', '') === 'aims') {
  await writeAims();
  process.exit(0);
}
if (arg('only', '') === 'memory') {
  const memory = await measureEmbeddedMemory(EMBEDDED_WRITES_ONLY);
  console.log(table(memory));
  await writeJson('bench/results-memory.json', { ...runInfo(), scales: {}, memory, embeddedWrites: EMBEDDED_WRITES_ONLY });
  if (WRITE_DOCS) await writeAims();
  process.exit(0);
}
if (arg('only', '') === 'delivery') {
  console.log(table(await measureDelivery()));
  process.exit(0);
}
if (arg('only', '') === 'hot') {
  const hot = await measureHotPaths(SERVER, HOT);
  for (const [name, rows] of Object.entries(hot.tables)) console.log(`\n${name}\n${table(rows)}`);
  await writeJson('bench/hot-paths.json', { ...runInfo(), scales: {}, hot: hot.tables });
  if (WRITE_DOCS) {
    await writePlans(hot.plans);
    await writeAims();
  }
  process.exit(0);
}
if (arg('only', '') === 'neighbours') {
  console.log(table(await measureNeighbours()));
  process.exit(0);
}
const VIEWER = '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01';
const SEED_CHUNK = 100_000;
/** Each mix is measured on every scale in this many turns (below). */
const ROUNDS = 10;

const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try { await client.query(sql); } finally { await client.end(); }
};
/** A database per scale, each the one before grown: all of them are measured in turns. */
const runId = randomBytes(4).toString('hex');
const databases = SCALES.map((scale, k) => {
  const db = `bench_wt_${runId}_${k}`;
  const u = new URL(SERVER);
  u.pathname = `/${db}`;
  return { scale, db, url: u.toString() };
});
type Database = (typeof databases)[number];
const now = new Date();

/**
 * Runs `seed` with the screenings' secondary indexes and the host-overlap exclusion dropped, then
 * builds them again in bulk, as a restore does. Inserting 9 M rows into 14 live indexes took over
 * 31 minutes before; every scale is seeded this way, so each measures freshly built indexes.
 */
const withoutIndexes = async (pool: pg.Pool, seed: () => Promise<void>): Promise<void> => {
  const { rows: indexes } = await pool.query<{ name: string; definition: string }>(`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
     WHERE i.indrelid = 'announcements'::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`);
  const { rows: exclusions } = await pool.query<{ name: string; definition: string }>(`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
     WHERE conrelid = 'announcements'::regclass AND contype = 'x'`);
  for (const { name } of indexes) await pool.query(`DROP INDEX ${name}`);
  for (const { name } of exclusions) await pool.query(`ALTER TABLE announcements DROP CONSTRAINT ${name}`);
  try {
    await seed();
  } finally {
    const client = await pool.connect();
    try {
      await client.query("SET maintenance_work_mem = '1GB'");
      await client.query('SET max_parallel_maintenance_workers = 2');
      for (const { definition } of indexes) await client.query(definition);
      for (const { name, definition } of exclusions) await client.query(`ALTER TABLE announcements ADD CONSTRAINT ${name} ${definition}`);
    } finally {
      client.release();
    }
  }
};

type Row = Record<string, string | number>;
const results: BenchResults & { seedSeconds: Record<number, number>; booking?: Row[]; delivery?: Row[]; samples: number; rounds: number } = {
  ...runInfo(), scales: {}, seedSeconds: {}, samples: SAMPLES, rounds: ROUNDS,
};

/**
 * The first scale's database is migrated and seeded; each next one starts as a file copy of the one
 * before (its rows are the same: the seed is deterministic) and is grown. Its pool is closed
 * afterwards, as a template may have no connections.
 */
const seedDatabase = async (database: Database, previous: Database | undefined): Promise<void> => {
  if (previous) await admin(`CREATE DATABASE ${database.db} TEMPLATE ${previous.db} STRATEGY FILE_COPY`);
  else {
    await admin(`CREATE DATABASE ${database.db}`);
    await migrate(database.url);
  }
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  pool.on('error', () => undefined);
  try {
    const started = Date.now();
    await withoutIndexes(pool, async () => {
      for (let from = previous?.scale ?? 0; from < database.scale; from = Math.min(database.scale, from + SEED_CHUNK)) {
        await seedScreenings(pool, from, Math.min(database.scale, from + SEED_CHUNK), now);
      }
    });
    await pool.query('VACUUM ANALYZE announcements');
    results.seedSeconds[database.scale] = Math.round((Date.now() - started) / 1000);
    console.log(`seeded ${database.scale.toLocaleString()} screenings (${results.seedSeconds[database.scale]} s, indexes built and analysed)`);
  } finally {
    await pool.end();
  }
};

/**
 * A service of its own on each scale's database, in this process, keeping no search page
 * (SEARCH_CACHE_SIZE=0): the mixes' parameters come round again within a run (50 cities, 60
 * words), and what is measured is the search, not a page kept from the last time it was asked.
 */
const serve = async (database: Database) => {
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  // Its connections may be terminated by the DROP … WITH (FORCE) at the end while still ending (hot-paths.ts).
  pool.on('error', () => undefined);
  const service = await compose({ ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0', RATE_LIMIT_ANONYMOUS: '0', DATABASE_URL: database.url, WATCHER_INTERVAL_MS: '0', DATABASE_POOL_MAX: '16', SEARCH_CACHE_SIZE: '0' }), port: 0 });
  const server = service.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  // The bench runs on the dev secret (no JWT_SECRET or JWKS_URL), so HS256 tokens can be issued.
  const tokens = service.tokens!;
  const headers = { Authorization: `Bearer ${await tokens.issue(VIEWER, 3600)}` };
  return { ...database, pool, service, server, tokens, headers, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1` };
};
type Target = Awaited<ReturnType<typeof serve>>;

const timed = async (target: Target, path: string, init: RequestInit = {}): Promise<{ ms: number; status: number; body: any }> => {
  const started = performance.now();
  const response = await fetch(`${target.base}${path}`, { ...init, headers: { ...target.headers, ...(init.headers ?? {}) } });
  const body = response.status === 204 ? null : await response.json();
  return { ms: performance.now() - started, status: response.status, body };
};

const iso = (d: Date) => encodeURIComponent(d.toISOString());
const DAY = 86_400_000;

/** The common filter mixes; each request varies its parameters so the cache does not serve one answer. */
const MIXES: Record<string, (i: number) => string> = {
  'default (open, upcoming)': () => '/announcements',
  city: (i) => `/announcements?city=${CITIES[i % CITIES.length]![0]}`,
  'tags (2)': (i) => `/announcements?tags=${TAGS[i % TAGS.length]},${TAGS[(i + 3) % TAGS.length]}`,
  'q (1 word)': (i) => `/announcements?q=${WORDS[i % WORDS.length]}`,
  'near 10 km': (i) => `/announcements?near=${CITIES[i % CITIES.length]![1]},${CITIES[i % CITIES.length]![2]}&radiusKm=10`,
  'near 10 km, empty area': (i) => `/announcements?near=${45 + (i % 5)},${-30 - (i % 7)}&radiusKm=10`,
  'city+free+seats+tag': (i) => `/announcements?city=${CITIES[i % CITIES.length]![0]}&isFree=true&hasSeats=true&tags=${TAGS[i % TAGS.length]}`,
  'window (7 days)': (i) => `/announcements?from=${iso(new Date(now.getTime() + (i % 300) * DAY))}&to=${iso(new Date(now.getTime() + ((i % 300) + 7) * DAY))}`,
  'movie': (i) => `/announcements?movieId=m${String(i % 1000).padStart(4, '0')}`,
  'sort=rating, min 3.5': () => '/announcements?sort=rating&minHostRating=3.5',
  'q + near 25 km + tag': (i) => `/announcements?q=${WORDS[i % WORDS.length]}&near=${CITIES[i % CITIES.length]![1]},${CITIES[i % CITIES.length]![2]}&radiusKm=25&tags=${TAGS[i % TAGS.length]}`,
};

/**
 * One path on every scale, in turns: after 20 warm-up requests on each, ROUNDS blocks of
 * SAMPLES / ROUNDS requests per scale, the scales' order flipped every round, request i with the
 * same parameters on each. This machine's speed moves by up to 2x within seconds (BENCHMARKS.md,
 * the hot paths): measured one scale after the other, a slow spell decided which mix's p99 missed.
 */
const measureInTurns = async (targets: Target[], path: (i: number, target: Target) => string): Promise<Array<ReturnType<typeof percentiles>>> => {
  for (const target of targets) for (let i = 0; i < 20; i += 1) await timed(target, path(i, target));
  const samples = targets.map(() => [] as number[]);
  const block = Math.ceil(SAMPLES / ROUNDS);
  for (let round = 0; round * block < SAMPLES; round += 1) {
    for (const k of targets.map((_, k) => (round % 2 === 0 ? k : targets.length - 1 - k))) {
      for (let i = round * block; i < Math.min(SAMPLES, (round + 1) * block); i += 1) {
        const reply = await timed(targets[k]!, path(i, targets[k]!));
        if (reply.status !== 200) throw new Error(`${path(i, targets[k]!)} → ${reply.status} ${JSON.stringify(reply.body)}`);
        samples[k]!.push(reply.ms);
      }
    }
  }
  return samples.map(percentiles);
};

const explains: string[] = [];
let hot: Awaited<ReturnType<typeof measureHotPaths>> | undefined;
const targets: Target[] = [];
try {
  for (const [k, database] of databases.entries()) await seedDatabase(database, databases[k - 1]);
  // The seed's WAL written out before measuring, as the hot paths' `settle` does: at 22:52 on
  // 2026-12-07 checkpoints the seed set off (one wrote 47 % of shared buffers) ran through the
  // 1 M measurement, and every mix's p50 there was 1.2-1.7x that of the run before.
  await admin('CHECKPOINT');
  for (const database of databases) targets.push(await serve(database));
  const largest = targets.at(-1)!;
  const { pool, service, tokens } = largest;

  // Baselines in the same run: the HTTP stack alone, and a primary-key read of one screening (a
  // row of the first scale, so the same one on every scale).
  const someId = (await targets[0]!.pool.query("SELECT id FROM announcements WHERE privacy = 'public' LIMIT 1")).rows[0].id as string;
  const floor = await measureInTurns(targets, () => '/healthz');
  const byId = await measureInTurns(targets, () => `/announcements/${someId}`);
  const rows: Row[][] = targets.map((_, k) => [
    { mix: 'baseline: GET /healthz', p50: floor[k]!.p50, p95: floor[k]!.p95, p99: floor[k]!.p99, 'p99/byId p99': '-' },
    { mix: 'baseline: GET /announcements/{id}', p50: byId[k]!.p50, p95: byId[k]!.p95, p99: byId[k]!.p99, 'p99/byId p99': 1 },
  ]);
  const push = (mix: string, measured: Array<ReturnType<typeof percentiles>>) => measured.forEach((p, k) => rows[k]!.push(
    { mix, p50: p.p50, p95: p.p95, p99: p.p99, 'p99/byId p99': Math.round((p.p99 / byId[k]!.p99) * 10) / 10 }));
  for (const [mix, path] of Object.entries(MIXES)) push(mix, await measureInTurns(targets, path));
  const cursors = new Map(await Promise.all(targets.map(async (t) => [t, (await timed(t, '/announcements')).body.nextCursor as string] as const)));
  push('page 2 (cursor)', await measureInTurns(targets, (_, t) => `/announcements?cursor=${cursors.get(t)}`));
  targets.forEach((t, k) => {
    results.scales[t.scale] = rows[k]!;
    console.log(`\n${t.scale.toLocaleString()} screenings (${SAMPLES} samples a mix, in ${ROUNDS} turns with the other scales)\n${table(rows[k]!)}`);
  });

  if (WRITE_DOCS) {
    const search = new PgAnnouncementSearch(pool);
    const viewer: Pick<SearchCriteria, 'viewerId' | 'friendHostIds' | 'status' | 'sort' | 'limit' | 'from' | 'now'> =
      { viewerId: VIEWER, friendHostIds: [VIEWER], status: 'open', sort: 'startsAt', limit: 21, from: now, now };
    const plans: Array<[string, SearchCriteria]> = [
      ['default', { ...viewer }],
      ['city', { ...viewer, city: 'Berlin' }],
      ['tags', { ...viewer, tags: ['snacks', 'quiet'] }],
      ['q', { ...viewer, q: 'samurai' }],
      ['near 10 km', { ...viewer, near: { lat: 52.52, lon: 13.405, radiusKm: 10 } }],
      ['near 10 km, empty area', { ...viewer, near: { lat: 46, lon: -31, radiusKm: 10 } }],
      ['city + free + seats + tag', { ...viewer, city: 'Paris', isFree: true, hasSeats: true, tags: ['vegan'] }],
      ['window', { ...viewer, from: new Date(now.getTime() + 90 * DAY), to: new Date(now.getTime() + 97 * DAY) }],
      ['sort=rating, minHostRating', { ...viewer, sort: 'rating', minHostRating: 3.5 }],
      ['q + near 25 km + tag', { ...viewer, q: 'dragons', near: { lat: 50.075, lon: 14.438, radiusKm: 25 }, tags: ['vegan'] }],
    ];
    // A near= statement as the service runs it: prepared, on its generic plan (GENERIC_PLANS), made at its first run.
    const explained = async ({ text, values }: { text: string; values: unknown[] }, generic: boolean): Promise<string[]> => {
      const client = await pool.connect();
      try {
        if (!generic) return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values)).rows.map((r) => r['QUERY PLAN']);
        await client.query('SET plan_cache_mode = force_generic_plan');
        await client.query(`PREPARE near_window AS ${text}`);
        const execute = inline(`EXECUTE near_window(${values.map((_, i) => `$${i + 1}`).join(', ')})`, values);
        return (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${execute}`)).rows.map((r) => r['QUERY PLAN']);
      } finally {
        await client.query('DEALLOCATE ALL; RESET plan_cache_mode').catch(() => undefined);
        client.release();
      }
    };
    for (const [name, criteria] of plans) {
      // A near= search runs in windows of time until its page is full (searchParts): each window run is shown.
      const parts = searchParts(criteria).length;
      let part = 0;
      await inParts(criteria, async (window) => {
        const plan = await explained(search.statement(window), criteria.near !== undefined);
        const title = parts === 1 ? name : `${name}, part ${(part += 1)} of ${parts} (${window.from?.toISOString() ?? '…'} to ${window.to?.toISOString() ?? '…'})`;
        explains.push(`### ${title}\n\n\`\`\`\n${plan.join('\n')}\n\`\`\``);
        // The rows the window found, as its top node counts them.
        return Array.from({ length: Number(/rows=(\d+)/.exec(plan[0] ?? '')?.[1] ?? 0) });
      });
    }
  }

  // `--only search`: the search latency alone, e.g. `--scales 1000000,10000000` for the 10 M aim.
  if (!SEARCH_ONLY) {
    // Booking throughput: 400 bookings by distinct guests, 32 at a time, on 4 screenings (contended)
    // or on 400 screenings (the uncontended baseline).
    const throughput = async (screenings: number, capacity: number, label: string): Promise<Row> => {
      const ids = await announced(service, largest.base, screenings, capacity, label);
      const guests = await Promise.all(Array.from({ length: 400 }, (_, g) => tokens.issue(`${randomBytes(4).toString('hex')}-1111-4000-8000-${String(g).padStart(12, '0')}`, 3600)));
      const latencies: number[] = [];
      let next = 0;
      let accepted = 0;
      const started = performance.now();
      await Promise.all(Array.from({ length: 32 }, async () => {
        for (let g = next++; g < guests.length; g = next++) {
          const reply = await timed(largest, `/announcements/${ids[g % ids.length]}/bookings`, {
            method: 'POST', body: '{}', headers: { Authorization: `Bearer ${guests[g]}`, 'Content-Type': 'application/json' },
          });
          if (reply.status === 201) accepted += 1;
          latencies.push(reply.ms);
        }
      }));
      const seconds = (performance.now() - started) / 1000;
      const { rows: [check] } = await pool.query('SELECT max(seats_taken) AS most, bool_and(seats_taken <= capacity) AS ok FROM announcements WHERE id = ANY($1::uuid[])', [ids]);
      if (!check.ok || accepted !== 400) throw new Error(`throughput run broke a rule: ${JSON.stringify(check)} accepted=${accepted}`);
      const p = percentiles(latencies);
      return { run: label, bookings: 400, 'bookings/s': Math.round(400 / seconds), p50: p.p50, p99: p.p99 };
    };
    const uncontended = await throughput(400, 1, 'uncontended: 400 screenings');
    const contended = await throughput(4, 100, 'contended: 4 screenings x 100 seats');
    contended['ratio to uncontended'] = Math.round(((contended['bookings/s'] as number) / (uncontended['bookings/s'] as number)) * 100) / 100;
    uncontended['ratio to uncontended'] = 1;
    results.booking = [uncontended, contended];
    console.log(`\nbooking throughput (HTTP, 32 concurrent clients, auto approval)\n${table(results.booking)}`);

    results.delivery = await measureDelivery();
    console.log(`\nnotification delivery (PostgreSQL outbox, one dispatcher)\n${table(results.delivery)}`);
    results.memory = await measureEmbeddedMemory(EMBEDDED_WRITES);
    console.log(`\nembedded default memory (built service, 16 writers, ${EMBEDDED_WRITES} write requests)\n${table(results.memory)}`);
    hot = await measureHotPaths(SERVER, HOT);
    results.hot = hot.tables;
    for (const [name, rows] of Object.entries(hot.tables)) console.log(`\n${name}\n${table(rows)}`);

  }
  results.machine = `${results.machine}, PostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}`;
  if (results.memory) results.embeddedWrites = EMBEDDED_WRITES;
  await writeJson(SEARCH_ONLY ? 'bench/results-search.json' : 'bench/results.json', results);
  if (WRITE_DOCS) await writeFile('docs/SEARCH-PLANS.md', `# Search plans at ${largest.scale.toLocaleString()} screenings\n\n` +
    'Written by `npm run bench -- --write-docs` (EXPLAIN ANALYZE of the exact statements the search adapter runs; a near= ' +
    'window\'s as the service runs it: prepared, on its generic plan, so its planning time is that of the first run on a connection).\n\n' +
    `${explains.join('\n\n')}\n`);
  if (WRITE_DOCS && hot) await writePlans(hot.plans);
  if (WRITE_DOCS) await writeAims();
  console.log(`\nwrote ${SEARCH_ONLY ? 'bench/results-search.json' : 'bench/results.json'}`);
} finally {
  for (const { server, service, pool } of targets) {
    server.close();
    await service.close();
    await pool.end();
  }
  for (const { url, db } of databases) {
    if (KEEP) console.log(`kept database ${url}`);
    else await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  }
}
