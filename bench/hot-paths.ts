import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Koa from 'koa';
import pg from 'pg';
import { migrate } from '../src/adapters/postgres/migrations.js';
import { loadConfig } from '../src/config.js';
import { compose, type Service } from '../src/main.js';
import { postgresStorage } from '../src/storage/postgres.storage.js';
import { seedScreenings } from './seed.js';
import { percentiles } from './stats.js';

/**
 * `npm run bench -- --only hot [--history 500000] [--screenings 1000000]`: the hot paths of the
 * service against floors measured in the same run — bookings/s against pgbench running the minimal
 * booking and its own tpcb-like transaction, prepared, reads against a bare Koa route answering the same body, a crowded
 * screening against spread load, a long booking history against a short one.
 */
export type Row = Record<string, string | number>;

const CONCURRENCY = 32;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
/** One request over a kept-alive socket; node:http costs the client less than fetch, so the floor is the server's. */
export const call = (base: string, method: string, path: string, token: string, body?: string): Promise<{ status: number; text: string }> =>
  new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, {
      method, agent, headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });

/** Requests per second of `work(i)` run by `clients` at once for `ms`. */
export const rate = async (clients: number, ms: number, work: (i: number) => Promise<unknown>): Promise<number> =>
  (await counted(clients, ms, work)).result;

/** `rate`, with the number of operations done. */
const counted = async (clients: number, ms: number, work: (i: number) => Promise<unknown>): Promise<{ result: number; ops: number }> => {
  let done = 0;
  let next = 0;
  const until = performance.now() + ms;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) { await work(next++); done += 1; }
  }));
  return { result: done / ((performance.now() - started) / 1000), ops: done };
};

/** CPU milliseconds of a /proc/<pid>/stat: its own and its reaped children's (a backend that exited is counted in the postmaster's). */
const cpuMsOf = (stat: string): number => {
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(f[i]), 0) * 10; // 100 ticks a second on Linux
};
/** The CPU of every local PostgreSQL process, so the bench must run on the server's machine (it does: DATABASE_URL is local). */
const postgresCpuMs = (): number => readdirSync('/proc').filter((pid) => /^\d+$/.test(pid)).reduce((sum, pid) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres' ? sum + cpuMsOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) : sum;
  } catch {
    return sum; // gone meanwhile
  }
}, 0);

/**
 * One side of an interleaved comparison: what it did over all its slices, and the CPU it took —
 * this process's (the load and the service, or pgbench as a reaped child) and PostgreSQL's; on
 * 2 cores the two halves bound the rate between them, which is how the bench says what stops an
 * aim. This machine's speed changes by up to 2× from one few seconds to the next (a bare Koa
 * route measured each second for 40 s: ~7 000 and ~13 500 req/s in turns), so a floor measured
 * for 5 s and the service for the 5 s after could each catch a different speed. Slices taken in
 * turns see the same mix.
 */
type Tally = { ops: number; seconds: number; selfMs: number; pgMs: number };
const tally = (): Tally => ({ ops: 0, seconds: 0, selfMs: 0, pgMs: 0 });

/** Runs one slice of `side`: `work` answers how many operations it did and, if it timed them itself, in how many seconds. */
const slice = async (side: Tally, work: () => Promise<{ ops: number; seconds?: number }>): Promise<void> => {
  const self = cpuMsOf(readFileSync('/proc/self/stat', 'utf8'));
  const pgMs = postgresCpuMs();
  const started = performance.now();
  const done = await work();
  side.seconds += done.seconds ?? (performance.now() - started) / 1000;
  side.ops += done.ops;
  side.selfMs += cpuMsOf(readFileSync('/proc/self/stat', 'utf8')) - self;
  side.pgMs += postgresCpuMs() - pgMs;
};
const perSecond = (t: Tally): number => t.ops / t.seconds;
const cpuOf = (t: Tally): Row => ({ 'client+service CPU ms/op': round(t.selfMs / t.ops), 'PostgreSQL CPU ms/op': round(t.pgMs / t.ops) });

/** Rounds in which each side of a comparison runs one slice, in turns. */
const ROUNDS = 5;

type Bench = { pool: pg.Pool; url: string; drop(): Promise<void> };

/**
 * Before a measured phase: statistics and visibility as autovacuum would keep them, and the
 * writes of the phase before flushed, so a checkpoint of pgbench's tpcb-like run does not land
 * in the service's measurement (it did: PostgreSQL's CPU per booking read 5.2 ms instead of 2.3).
 */
const settle = async (pool: pg.Pool): Promise<void> => {
  await pool.query('VACUUM ANALYZE');
  await pool.query('CHECKPOINT');
};

export const benchDatabase = async (server: string): Promise<Bench> => {
  const name = `bench_hot_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try { await client.query(sql); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // pool.end() resolves once its clients are told to end, not once they have: the DROP … WITH
  // (FORCE) after it can terminate one still ending, whose error would otherwise crash the bench.
  pool.on('error', () => undefined);
  await pool.query(`CREATE FUNCTION bench_uuid(prefix text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
    RETURN overlay(overlay(md5(prefix || n) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid`);
  return { pool, url, drop: async () => { await pool.end(); await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };

};

/**
 * `count` open screenings with auto approval, ids bench_uuid(prefix, 1…count), each with a host of
 * its own, a year ahead. `prefix` is letters and digits only: it is also the short code's.
 */
export const screenings = async (pool: pg.Pool, prefix: string, count: number, capacity: number): Promise<string[]> => {
  const { rows } = await pool.query<{ id: string }>(`
    INSERT INTO announcements (id, host_id, movie_id, movie_title, movie_duration_minutes, title, description, starts_at, duration_minutes,
      ends_at, city, address, capacity, privacy, is_free, tags, approval, status, seats_taken, short_code, short_url, created_at, updated_at,
      version, start_set_at)
    SELECT bench_uuid($1, k), bench_uuid('hst' || $1, k), 'tt0133093', 'The Matrix', 136,
      $1 || ' ' || k, '', now() + interval '400 days' + k * interval '3 hours', 136, now() + interval '400 days' + k * interval '3 hours' + interval '136 minutes',
      'Berlin', 'Bench 1', $3, 'public', true, '{}', 'auto', 'open', 0, $1 || k, 'http://bench/s/' || $1 || k, now(), now(), 1, now()
    FROM generate_series(1, $2::bigint) AS k RETURNING id`, [prefix, count, capacity]);
  return rows.map((r) => r.id);
};

/** Tokens of `count` distinct new guests. */
const guestTokens = (service: Service, count: number): Promise<string[]> => Promise.all(Array.from({ length: count }, () =>
  service.tokens!.issue(`${randomBytes(4).toString('hex')}-2222-4000-8000-${randomBytes(6).toString('hex')}`, 3600)));

/** One booking per token over HTTP, CONCURRENCY at a time, token g booking screening ids[g % ids.length]: how many, in how many seconds. */
const book = async (base: string, ids: string[], tokens: string[]): Promise<{ ops: number; seconds: number }> => {
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let g = next++; g < tokens.length; g = next++) {
      const reply = await call(base, 'POST', `/announcements/${ids[g % ids.length]}/bookings`, tokens[g]!, '{}');
      if (reply.status !== 201) throw new Error(`booking → ${reply.status} ${reply.text}`);
    }
  }));
  return { ops: tokens.length, seconds: (performance.now() - started) / 1000 };
};

/** Bookings/s over HTTP: `guests` distinct guests, CONCURRENCY at a time, each booking screening ids[g % ids.length]. */
export const bookingRate = async (service: Service, base: string, ids: string[], guests: number): Promise<number> => {
  const done = await book(base, ids, await guestTokens(service, guests));
  return done.ops / done.seconds;
};

const listen = async (app: Koa): Promise<{ base: string; close(): void }> => {
  const handle = app.callback();
  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, close: () => server.close() };
};

/** A service on `url`; `keeps: false`, one that keeps no detail read and no search page (DETAIL_CACHE_SIZE=0, SEARCH_CACHE_SIZE=0). */
export const start = async (url: string, prepare: boolean, keeps = true): Promise<{ service: Service; base: string; close(): Promise<void> }> => {
  const storage = postgresStorage({ databaseUrl: url, poolMax: 16, prepareStatements: prepare, ...(keeps ? {} : { detailCacheSize: 0, searchCacheSize: 0 }) });
  const service = await compose({ ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0', RATE_LIMIT_ANONYMOUS: '0', DATABASE_URL: url, WATCHER_INTERVAL_MS: '0' }), port: 0 }, { storage });
  const http = await listen(service.app);
  return { service, base: http.base, close: async () => { http.close(); await service.close(); } };
};

/**
 * pgbench, prepared, 16 clients: transactions per second of `script` — a file of bench/ run on `n`
 * fresh screenings, or one of pgbench's built-in scripts (`-b tpcb-like`, on its own tables).
 */
const pgbench = async (url: string, script: { file: string; n: number } | { builtin: string }, seconds: number): Promise<number> => {
  const which = 'file' in script ? ['-D', `n=${script.n}`, '-f', script.file] : ['-b', script.builtin];
  const { stdout } = await promisify(execFile)('pgbench', ['-n', '-M', 'prepared', '-c', '16', '-j', '2', '-T', String(seconds), ...which, url]);
  const tps = /tps = ([\d.]+)/.exec(stdout);
  if (!tps) throw new Error(`pgbench said: ${stdout}`);
  return Number(tps[1]);
};

/**
 * The minimal booking is a fixed reference, older than the stamps kept reads are checked by
 * (migrations detail-stamps, search-stamps): its runs go without the three triggers that set
 * them on its tables, so what they cost is the service's alone, as before them the reference cost
 * what it did.
 */
const withoutDetailStamps = async (pool: pg.Pool, work: () => Promise<void>): Promise<void> => {
  const toggle = (how: 'DISABLE' | 'ENABLE') => pool.query(`ALTER TABLE announcements ${how} TRIGGER announcements_detail_stamp;
    ALTER TABLE announcements ${how} TRIGGER announcements_changed_detail_epoch; ALTER TABLE bookings ${how} TRIGGER bookings_detail_stamp`);
  await toggle('DISABLE');
  try {
    await work();
  } finally {
    await toggle('ENABLE');
  }
};

/** pgbench's own tables at scale 16 (one branch per client, so tpcb-like does not queue on one row). */
const pgbenchTables = (url: string) => promisify(execFile)('pgbench', ['-i', '-q', '-s', '16', url]);

/** A detail read of a screening with 25 guests, and a search page of 20, against a bare Koa route answering the same bytes. */
/** The screening bench_uuid('rd', 1), hosted by bench_uuid('hstrd', 1), with 25 guests booked over HTTP. */
const crowdedScreening = async (service: Service, base: string, pool: pg.Pool): Promise<string> => {
  const [id] = await screenings(pool, 'rd', 1, 30);
  for (let g = 0; g < 25; g += 1) {
    const guest = await service.tokens!.issue(`30000000-0000-4000-8000-${String(g).padStart(12, '0')}`, 3600);
    const reply = await call(base, 'POST', `/announcements/${id}/bookings`, guest, '{}');
    if (reply.status !== 201) throw new Error(`booking → ${reply.status}`);
  }
  return id!;
};

/**
 * Rows: bare Koa and the detail read, bare Koa and the page (the aims read them in that order),
 * then the same detail read and the same page by a service that keeps none (DETAIL_CACHE_SIZE=0,
 * SEARCH_CACHE_SIZE=0: the statements at every read), each measured in the same rounds as its
 * bare route and the service.
 */
const reads = async (service: Service, base: string, pool: pg.Pool, uncached: string): Promise<Row[]> => {
  const withGuests = await crowdedScreening(service, base, pool);
  // The host, who sees the 25 guests (a stranger sees neither them nor the address: RULES §9).
  const viewer = await service.tokens!.issue((await pool.query<{ id: string }>("SELECT bench_uuid('hstrd', 1) AS id")).rows[0]!.id, 3600);
  // As autovacuum would have by now (it is off on the bench's server): with the statistics of the
  // empty tables the guest list was read by a scan, and the first full run measured 0.05 here.
  await settle(pool);
  const paths = { 'GET /announcements/{id}, 25 guests': `/announcements/${withGuests}`, 'GET /announcements (a page of 20)': '/announcements?limit=20' };
  const rows: Row[] = [];
  const anew: Row[] = [];
  for (const [label, path] of Object.entries(paths)) {
    const body = (await call(base, 'GET', path, viewer)).text;
    const bare = new Koa();
    bare.use((ctx) => { ctx.type = 'application/json'; ctx.body = body; });
    const floor = await listen(bare);
    await rate(16, 1000, () => call(floor.base, 'GET', path, viewer));
    await rate(16, 1000, () => call(base, 'GET', path, viewer));
    await rate(16, 1000, () => call(uncached, 'GET', path, viewer));
    const [floorSide, serviceSide, uncachedSide] = [tally(), tally(), tally()];
    for (let r = 0; r < ROUNDS * 2; r += 1) {
      await slice(floorSide, () => counted(16, 500, () => call(floor.base, 'GET', path, viewer)).then(({ ops }) => ({ ops })));
      await slice(serviceSide, () => counted(16, 500, () => call(base, 'GET', path, viewer)).then(({ ops }) => ({ ops })));
      await slice(uncachedSide, () => counted(16, 500, () => call(uncached, 'GET', path, viewer)).then(({ ops }) => ({ ops })));
    }
    floor.close();
    rows.push({ run: `bare Koa answering the same ${body.length} bytes`, 'req/s': Math.round(perSecond(floorSide)), ratio: 1, ...cpuOf(floorSide) });
    rows.push({ run: label, 'req/s': Math.round(perSecond(serviceSide)), ratio: round(perSecond(serviceSide) / perSecond(floorSide)), ...cpuOf(serviceSide) });
    anew.push({ run: `${label}, none kept (${path === paths['GET /announcements/{id}, 25 guests'] ? 'DETAIL' : 'SEARCH'}_CACHE_SIZE=0)`,
      'req/s': Math.round(perSecond(uncachedSide)), ratio: round(perSecond(uncachedSide) / perSecond(floorSide)), ...cpuOf(uncachedSide) });
  }
  return [...rows, ...anew];
};

/** GET /bookings for a guest with `n` bookings, p50 over 200 reads. */
const myBookings = async (service: Service, base: string, pool: pg.Pool, n: number): Promise<number> => {
  const guest = `50000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const ids = await screenings(pool, `mybookings${n}x`, n, 2);
  await pool.query(`INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, status, short_code, short_url, starts_at, ends_at,
      created_at, updated_at, cancelled_with_announcement)
    SELECT gen_random_uuid(), a.id, $1, a.host_id, 1, 'pending', 'b' || a.short_code, 'http://bench/s/x', a.starts_at, a.ends_at, now(), now(), false
      FROM announcements a WHERE a.id = ANY($2::uuid[])`, [guest, ids]);
  const token = await service.tokens!.issue(guest, 3600);
  const samples: number[] = [];
  for (let i = 0; i < 220; i += 1) {
    const started = performance.now();
    await call(base, 'GET', '/bookings?limit=20', token);
    if (i >= 20) samples.push(performance.now() - started);
  }
  return percentiles(samples).p50;
};

/**
 * `bookings` accepted bookings by random guests, one on each of that many open seeded screenings,
 * each counter set to its one seat, in chunks of 50 000. The bookings' triggers (the deferred seat
 * check, the foreign keys) are off for the seed — `session_replication_role = replica`, as a
 * restore would — because the rows are consistent by construction and the check per row made
 * one statement of 500 000 run for over 12 minutes. The bench checks the counters afterwards.
 */
const seedHistory = async (pool: pg.Pool, bookings: number): Promise<void> => {
  const client = await pool.connect();
  try {
    await client.query("SET session_replication_role = 'replica'");
    // The picks stay in the database: half a million ids pulled into this process, which also
    // runs the service being measured, left its detail reads dearer in CPU afterwards (0.73
    // against 0.54 ms a read; 0.63 against 0.53 without them, PostgreSQL's share unchanged).
    await client.query(`CREATE TEMP TABLE history_picks AS SELECT id, row_number() OVER (ORDER BY id) AS n FROM announcements
      WHERE status = 'open' AND short_code LIKE 'seed%' ORDER BY id LIMIT ${Math.trunc(bookings)}`);
    const { rows: [picked] } = await client.query<{ count: number }>('SELECT count(*)::int AS count FROM history_picks');
    for (let from = 0; from < picked!.count; from += 50_000) {
      await client.query(`
        WITH picked AS (SELECT a.id, a.host_id, a.starts_at, a.ends_at, a.short_code FROM history_picks k JOIN announcements a ON a.id = k.id
                         WHERE k.n > $1 AND k.n <= $2),
          counted AS (UPDATE announcements a SET seats_taken = 1 FROM picked p WHERE a.id = p.id)
        INSERT INTO bookings (id, announcement_id, guest_id, host_id, seats, status, short_code, short_url, starts_at, ends_at,
          created_at, updated_at, decided_at, cancelled_with_announcement)
        SELECT gen_random_uuid(), p.id, gen_random_uuid(), p.host_id, 1, 'accepted', 'h' || p.short_code, 'http://bench/s/h', p.starts_at, p.ends_at,
          now(), now(), now(), false
        FROM picked p`, [from, from + 50_000]);
    }
    await client.query('DROP TABLE history_picks');
  } finally {
    await client.query("SET session_replication_role = 'origin'");
    client.release();
  }
  const { rows: [check] } = await pool.query(`SELECT count(*)::int AS wrong FROM bookings b JOIN announcements a ON a.id = b.announcement_id
    WHERE b.short_code LIKE 'hseed%' AND (a.seats_taken <> b.seats OR a.seats_taken > a.capacity)`);
  if (check.wrong !== 0) throw new Error(`history seed left ${check.wrong} screenings whose counters do not match their bookings`);
};

type Statement = { text: string; values: unknown[] };

/** The distinct statements the service sends while `work` runs, seen at the pg client (the bench's process only). */
const captured = async (work: () => Promise<unknown>): Promise<Statement[]> => {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- restored below, always called with its client as this
  const original = pg.Client.prototype.query;
  const seen = new Map<string, Statement>();
  const capture = function (this: pg.Client, config: unknown, values?: unknown, callback?: unknown) {
    const text = typeof config === 'string' ? config : (config as { text?: unknown } | null)?.text;
    const given = typeof config === 'string' ? values : ((config as { values?: unknown }).values ?? values);
    // A batch (pg-client.ts) is one simple-protocol message of statements joined by ';\n', their values written in.
    const texts = typeof text !== 'string' ? [] : Array.isArray(given) && given.length > 0 ? [text]
      : text.split(';\n').filter((t) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\s*$/i.test(t));
    for (const one of texts) if (!seen.has(one)) seen.set(one, { text: one, values: one === text && Array.isArray(given) ? given : [] });
    return (original as (...args: unknown[]) => unknown).call(this, config, values, callback);
  };
  pg.Client.prototype.query = capture as typeof original;
  try { await work(); } finally { pg.Client.prototype.query = original; }
  return [...seen.values()];
};

/**
 * EXPLAIN ANALYZE of every read among `statements` (SELECT or WITH, which includes the seat
 * update), each in a transaction rolled back, and of the deferred seat check's query.
 */
const explain = async (pool: pg.Pool, statements: Statement[], announcementId: string): Promise<string[]> => {
  const seatCheck = { text: "SELECT coalesce(sum(seats), 0) FROM bookings WHERE announcement_id = $1 AND status = 'accepted' -- the deferred seat check (bookings_check_seats)", values: [announcementId] };
  const out: string[] = [];
  for (const { text, values } of [...statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text)), seatCheck]) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, values);
      out.push(`\`\`\`sql\n${text.trim()}\n\`\`\`\n\n\`\`\`\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }
  return out;
};

/** `count` screenings announced over HTTP by hosts of their own, auto approval, 400 days ahead, titled `${title} ${n}`. */
export const announced = async (service: Service, base: string, count: number, capacity: number, title = 'Embedded'): Promise<string[]> => {
  const ids: string[] = [];
  for (let s = 0; s < count; s += 1) {
    const host = await service.tokens!.issue(`${randomBytes(4).toString('hex')}-3333-4000-8000-${String(s).padStart(12, '0')}`, 3600);
    const reply = await call(base, 'POST', '/announcements', host, JSON.stringify({ movieId: 'tt0133093', title: `${title} ${s}`, capacity, approval: 'auto',
      startsAt: new Date(Date.now() + 400 * 86_400_000 + s * 60_000).toISOString(), place: { city: 'Berlin', address: 'Bench 1' } }));
    if (reply.status !== 201) throw new Error(`announce → ${reply.status} ${reply.text}`);
    ids.push((JSON.parse(reply.text) as { id: string }).id);
  }
  return ids;
};

/** The embedded default (PGlite in a folder, as `npm start` runs it), in this process like the server runs above: bookings/s. */
const embeddedBookingRate = async (): Promise<number> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'wt-bench-hot-'));
  try {
    const service = await compose({ ...loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_WRITES: '0', RATE_LIMIT_ANONYMOUS: '0', DATA_DIR: dataDir, WATCHER_INTERVAL_MS: '0' }), port: 0 });
    const http = await listen(service.app);
    try {
      await bookingRate(service, http.base, await announced(service, http.base, 100, 100), 500);
      return await bookingRate(service, http.base, await announced(service, http.base, 400, 100), 2000);
    } finally {
      http.close();
      await service.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};

export type HotPaths = { tables: Record<string, Row[]>; plans: string[] };

export const measureHotPaths = async (server: string, options: { history: number; screenings: number; seconds: number; keep?: boolean }): Promise<HotPaths> => {
  const bench = await benchDatabase(server);
  const prepared = await start(bench.url, true);
  const unprepared = await start(bench.url, false);
  try {
    const out: Record<string, Row[]> = {};
    // Warm both services up (JIT, connections, prepared statements) on screenings of their own.
    for (const [prefix, svc] of [['warma', prepared], ['warmb', unprepared]] as const)
      await bookingRate(svc.service, svc.base, await screenings(bench.pool, prefix, 100, 100), 500);
    // The floors: the minimal booking (bench/booking-minimal.pgbench.sql) on screenings of its own, and
    // pgbench's tpcb-like transaction on its tables. 2 000 screenings of 100 seats hold any run of 10 s.
    await screenings(bench.pool, 'pgb', 2000, 100);
    await pgbenchTables(bench.url);
    await bench.pool.query('VACUUM ANALYZE');
    // In turns (Tally): each round, a slice of each floor and of each service, each slice after
    // `settle`, so no checkpoint of one lands in another, and after an untimed run of the same
    // work: tpcb-like's tables outgrow the shared buffers, and a service slice timed right after
    // it read its pages back, costing PostgreSQL 6.7 ms a booking against 4.0 in the history's
    // turns. A service's slice books 500 new guests on 100 screenings of its own, after 600
    // untimed bookings, about the second pgbench warms up for: after 100, the slice ran at 0.89
    // of its rate after 600, with the bench process's CPU per booking 1.06 against 0.86 ms (/tmp
    // script, 2026-12-07 22:40 UTC, eight rounds in turns; likely the pool's connections, closed
    // after 10 s idle while the floors ran, opened again within the slice).
    const sides = { minimal: tally(), tpcb: tally(), prepared: tally(), unprepared: tally() };
    // Whole seconds (pgbench -T), and at least 3: its tps leaves out connecting, not the first
    // transactions of 16 new backends, which pulled a floor of 1 s slices to half its rate.
    const pgSeconds = Math.max(3, Math.round(options.seconds / ROUNDS));
    const pgbenchSlice = (side: Tally, script: Parameters<typeof pgbench>[1]) => slice(side, async () => {
      const tps = await pgbench(bench.url, script, pgSeconds);
      return { ops: tps * pgSeconds, seconds: pgSeconds };
    });
    for (let r = 0; r < ROUNDS; r += 1) {
      for (const [side, script] of [[sides.minimal, { file: 'bench/booking-minimal.pgbench.sql', n: 2000 }], [sides.tpcb, { builtin: 'tpcb-like' }]] as const) {
        await settle(bench.pool);
        const measure = async () => {
          await pgbench(bench.url, script, 1);
          await pgbenchSlice(side, script);
        };
        await (side === sides.minimal ? withoutDetailStamps(bench.pool, measure) : measure());
      }
      for (const [side, svc, prefix] of [[sides.prepared, prepared, 'svca'], [sides.unprepared, unprepared, 'svcb']] as const) {
        const ids = await screenings(bench.pool, `${prefix}${r}`, 100, 100);
        const tokens = await guestTokens(svc.service, 1100);
        await settle(bench.pool);
        await book(svc.base, ids, tokens.slice(500));
        await slice(side, () => book(svc.base, ids, tokens.slice(0, 500)));
      }
    }
    const minimal = perSecond(sides.minimal);
    const tpcb = perSecond(sides.tpcb);
    out.writes = [{ run: 'pgbench -M prepared, the minimal booking (16 clients)', 'bookings/s': Math.round(minimal), ratio: 1, ...cpuOf(sides.minimal) }];
    out.tpcb = [{ run: 'pgbench -M prepared, tpcb-like (16 clients)', 'bookings/s': Math.round(tpcb), ratio: 1, ...cpuOf(sides.tpcb) }];
    for (const [name, side] of [['service, statements prepared', sides.prepared], ['service, statements unprepared', sides.unprepared]] as const) {
      const rate = perSecond(side);
      out.writes.push({ run: `${name} (HTTP, ${CONCURRENCY} clients)`, 'bookings/s': Math.round(rate), ratio: round(rate / minimal), ...cpuOf(side) });
      if (side === sides.prepared) out.tpcb.push({ run: `${name} (HTTP, ${CONCURRENCY} clients)`, 'bookings/s': Math.round(rate), ratio: round(rate / tpcb), ...cpuOf(side) });
    }
    const serverRate = Number(out.writes[1]!['bookings/s']);
    const embedded = await embeddedBookingRate();
    out.embedded = [
      { run: 'service on the PostgreSQL server (above)', 'bookings/s': serverRate, ratio: 1 },
      { run: 'service on the embedded default (PGlite in a folder)', 'bookings/s': Math.round(embedded), ratio: round(embedded / serverRate) },
    ];

    // Contention: 100 guests on one screening against 100 guests on 100 screenings.
    const spread = await bookingRate(prepared.service, prepared.base, await screenings(bench.pool, 'spread', 100, 1), 100);
    const crowded = await bookingRate(prepared.service, prepared.base, await screenings(bench.pool, 'crowd', 1, 100), 100);
    out.contention = [
      { run: '100 guests on 100 screenings', 'bookings/s': Math.round(spread), ratio: 1 },
      { run: '100 guests on one screening of 100 seats', 'bookings/s': Math.round(crowded), ratio: round(crowded / spread) },
    ];

    const ten = await myBookings(prepared.service, prepared.base, bench.pool, 10);
    const thousand = await myBookings(prepared.service, prepared.base, bench.pool, 1000);
    out.myBookings = [
      { run: 'GET /bookings, a guest with 10 bookings', 'p50 ms': round(ten), ratio: 1 },
      { run: 'GET /bookings, a guest with 1 000 bookings', 'p50 ms': round(thousand), ratio: round(thousand / ten) },
    ];

    const uncached = await start(bench.url, true, false);
    try {
      out.reads = await reads(prepared.service, prepared.base, bench.pool, uncached.base);
    } finally {
      await uncached.close();
    }

    // History: the same bookings and detail read on a second database that holds `history` active
    // bookings among `screenings` more screenings, measured in turns with this one (Tally): the
    // machine's speed changes within seconds, and a before and an after minutes apart caught
    // different speeds (Node's and PostgreSQL's CPU per read both doubled in one run, 0.48).
    const long = await benchDatabase(server);
    const longPrepared = await start(long.url, true);
    const longUnprepared = await start(long.url, false);
    try {
      const seeding = performance.now();
      for (let from = 0; from < options.screenings; from += 100_000)
        await seedScreenings(long.pool, from, Math.min(options.screenings, from + 100_000), new Date());
      await seedHistory(long.pool, options.history);
      const seeded = Math.round((performance.now() - seeding) / 1000);
      // What the short history holds besides: the screening with 25 guests, the guest with 1 000 bookings.
      const longDetail = await crowdedScreening(longPrepared.service, longPrepared.base, long.pool);
      await myBookings(longPrepared.service, longPrepared.base, long.pool, 1000);
      await bookingRate(longPrepared.service, longPrepared.base, await screenings(long.pool, 'warm', 100, 100), 500);
      const shortDetail = (await bench.pool.query<{ id: string }>("SELECT bench_uuid('rd', 1) AS id")).rows[0]!.id;
      const viewer = await prepared.service.tokens!.issue('0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01', 3600);
      const short = { svc: prepared, pool: bench.pool, detailId: shortDetail, reads: tally(), writes: tally() };
      const longer = { svc: longPrepared, pool: long.pool, detailId: longDetail, reads: tally(), writes: tally() };
      const history = [short, longer];
      for (let r = 0; r < ROUNDS; r += 1) {
        for (const side of history) {
          await settle(side.pool);
          await slice(side.reads, async () => ({ ops: (await counted(16, 800, () => call(side.svc.base, 'GET', `/announcements/${side.detailId}`, viewer))).ops }));
        }
        for (const [i, side] of history.entries()) {
          const ids = await screenings(side.pool, `h${i}x${r}`, 80, 100);
          const tokens = await guestTokens(side.svc.service, 400);
          await settle(side.pool);
          await slice(side.writes, () => book(side.svc.base, ids, tokens));
        }
      }
      const active = Number((await long.pool.query("SELECT count(*) FROM bookings WHERE status IN ('pending', 'accepted')")).rows[0].count);
      // The hot statements at this size: one booking, one detail read by a stranger, GET /bookings of the guest with 1 000.
      const [planned] = await screenings(long.pool, 'plan', 1, 10);
      const guest = await longPrepared.service.tokens!.issue('60000000-0000-4000-8000-000000000001', 3600);
      const heavy = await longPrepared.service.tokens!.issue('50000000-0000-4000-8000-000000001000', 3600);
      // On the unprepared service, whose batches carry their statements' texts rather than EXECUTEs.
      const statements = await captured(async () => {
        await call(longUnprepared.base, 'POST', `/announcements/${planned}/bookings`, guest, '{}');
        await call(longUnprepared.base, 'GET', `/announcements/${longDetail}`, viewer);
        await call(longUnprepared.base, 'GET', '/bookings?limit=20', heavy);
      });
      const plans = await explain(long.pool, statements, longDetail);
      out.history = [
        { run: 'bookings/s, a short history', value: Math.round(perSecond(short.writes)), ratio: 1, ...cpuOf(short.writes) },
        { run: `bookings/s, ${active.toLocaleString('en')} active bookings, ${options.screenings.toLocaleString('en')} more screenings (seeded in ${seeded} s)`,
          value: Math.round(perSecond(longer.writes)), ratio: round(perSecond(longer.writes) / perSecond(short.writes)), ...cpuOf(longer.writes) },
        { run: 'GET /announcements/{id} req/s, a short history', value: Math.round(perSecond(short.reads)), ratio: 1, ...cpuOf(short.reads) },
        { run: 'GET /announcements/{id} req/s, the long history', value: Math.round(perSecond(longer.reads)), ratio: round(perSecond(longer.reads) / perSecond(short.reads)), ...cpuOf(longer.reads) },
      ];
      return { tables: out, plans };
    } finally {
      await longPrepared.close();
      await longUnprepared.close();
      if (options.keep) console.log(`kept database ${long.url}`);
      else await long.drop();
    }
  } finally {
    await prepared.close();
    await unprepared.close();
    if (options.keep) console.log(`kept database ${bench.url}`);
    else await bench.drop();
  }
};
