/**
 * `npm run cluster [-- --seconds 8]`: the scale-out proof (docs/DEPLOY.md). On this machine's
 * PostgreSQL server and RabbitMQ, it starts HAProxy (Debian's package) in front of two API
 * processes and two workers, all the built service (`dist/main.js`), each with its own database
 * and vhost; then:
 *
 *  1. throughput with one API process (straight to it) and with two (through HAProxy), the same
 *     clients, announcing screenings and booking seats, each write with an Idempotency-Key;
 *  2. a load run through HAProxy during which one API process and one worker are killed with
 *     SIGKILL. A client whose request is cut retries it with the same key (what the key is for);
 *     HAProxy stops sending to the dead process after its health check fails;
 *  3. the checks: every write acknowledged (201) is in the database, every notification in the
 *     database reached the broker, and every message handed over twice carries the same id.
 *
 * Then the read replica (`runReplica`): a throw-away primary of its own (initdb) and a streaming
 * replica made from it with pg_basebackup, an API process reading on the replica
 * (READ_DATABASE_URL) beside one reading on the primary:
 *
 *  4. read-your-writes: clients announce, book and at once read what they wrote, sending back the
 *     write's `WT-Read-After`; every such read must show the write. The same read without the
 *     position is counted too, to show the replica's lag is real;
 *  5. reads per second (a detail read and a search page, in turn) with and without the replica.
 *
 * Prints a report and, with `--write`, records it in bench/cluster-results.json. Exits 1 when
 * a check fails. Needs `apt-get install -y haproxy` and `npm run build`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { NOTIFICATIONS_EXCHANGE } from '../src/adapters/notifications/amqp-notification-sender.js';
import { createServerDatabase } from '../test/support/databases.js';
import { freePort } from '../test/support/free-port.js';
import { callAs, devTokens } from '../test/support/load.js';
import { migrate } from '../src/adapters/postgres/migrations.js';
import { ThrowawayCluster } from '../test/support/cluster.js';
import { TestVhost } from '../test/support/rabbit.js';
import { ServiceProcess } from '../test/support/service-process.js';
import { DEV_JWT_SECRET } from '../src/config.js';

export type ClusterReport = {
  readonly seconds: number;
  readonly clients: number;
  readonly writesPerSecond: { readonly oneApi: number; readonly twoApis: number; readonly ratio: number };
  /** The share of the machine's CPU time busy during each phase: near 1, the cores bound it, not the processes. */
  readonly cpuBusy: { readonly oneApi: number; readonly twoApis: number; readonly cores: number };
  readonly killRun: {
    readonly acknowledged: number; readonly lost: number; readonly retried: number; readonly gaveUp: number; readonly statuses: Record<string, number>;
    readonly killed: readonly string[];
  };
  readonly notifications: { readonly inDatabase: number; readonly received: number; readonly lost: number; readonly handedOverTwice: number; readonly duplicatesWithAnotherId: number };
};

const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

/**
 * The topology, shared with deploy/compose.yaml (test/deploy/deploy-files.test.ts holds them to
 * it): two API processes and two workers of one image, and the settings the processes run with.
 */
export const TOPOLOGY = {
  apis: 2,
  workers: 2,
  /** What every process reads from its environment, beyond its ROLE. */
  required: ['DATABASE_URL', 'JWT_SECRET', 'AMQP_URL', 'PUBLIC_BASE_URL'],
  settings: { DISPATCH_INTERVAL_MS: '50', DELIVERY_BATCH_SIZE: '64', DELIVERY_TIMEOUT_MS: '2000' },
} as const;

/** HAProxy in front of the API processes: round robin, health-checked on /readyz, no retry of a request once sent. */
export const haproxyConfig = (bind: string, apis: readonly string[]) => `global
  maxconn 4096
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  # Only a connection that failed before the request was sent is tried again on the other
  # process; anything later is the client's to retry, with its Idempotency-Key.
  retries 2
  retry-on conn-failure
  option redispatch
frontend api
  bind ${bind}
  default_backend apis
backend apis
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 300ms fall 2 rise 2
${apis.map((host, i) => `  server api${i + 1} ${host} check`).join('\n')}
`;

/** Clients writing as fast as answers come: a screening by a new host, then a seat by a new guest; every 201 recorded. */
const load = async (base: string, clients: number, stop: AbortSignal) => {
  const acknowledged: Array<{ kind: 'announcement' | 'booking'; id: string }> = [];
  const statuses: Record<string, number> = {};
  let retried = 0;
  let gaveUp = 0;
  const dayMs = 86_400_000;
  /**
   * One write, retried with its key while the cluster cannot answer it: a cut connection, 502/503/504,
   * or 409 IDEMPOTENCY.IN_PROGRESS — the killed process's claim on the key, which lapses after its
   * lease (30 s) unless its write committed, when the retry gets the stored answer instead.
   */
  const write = async (path: string, userId: string, body: unknown): Promise<{ id: string } | null> => {
    const token = await devTokens.issue(userId, 3600);
    const key = randomUUID();
    // Given up a minute after the first try: longer than a dead process's claim on the key.
    const until = Date.now() + 60_000;
    for (let attempt = 0, wait = 0; Date.now() < until; attempt += 1) {
      if (attempt > 0) { retried += 1; await sleep(wait); }
      wait = 100;
      try {
        const reply = await fetch(`${base}${path}`, {
          method: 'POST', body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Idempotency-Key': key },
        });
        statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
        if ([502, 503, 504].includes(reply.status)) continue;
        const answer = (await reply.json()) as { id?: string; code?: string };
        if (reply.status === 409 && answer.code === 'IDEMPOTENCY.IN_PROGRESS') {
          wait = Number(reply.headers.get('retry-after') ?? 1) * 1000;
          continue;
        }
        if (reply.status !== 201 || !answer.id) gaveUp += 1;
        return reply.status === 201 && answer.id ? { id: answer.id } : null;
      } catch {
        statuses.cut = (statuses.cut ?? 0) + 1;
      }
    }
    gaveUp += 1;
    return null;
  };
  await Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; !stop.aborted; i += 1) {
      const host = randomUUID();
      const screening = await write('/api/v1/announcements', host, {
        movieId: 'tt0133093', title: `Cluster ${c}/${i}`, capacity: 4, approval: 'auto',
        startsAt: new Date(Date.now() + 2 * dayMs + i * 3_600_000).toISOString(), place: { city: 'Berlin', address: 'Cluster 1' },
      });
      if (!screening) continue;
      acknowledged.push({ kind: 'announcement', id: screening.id });
      const booking = await write(`/api/v1/announcements/${screening.id}/bookings`, randomUUID(), { seats: 1 });
      if (booking) acknowledged.push({ kind: 'booking', id: booking.id });
    }
  }));
  return { acknowledged, statuses, retried, gaveUp };
};

/** The machine's CPU time so far, busy and all (/proc/stat), to tell how saturated a phase left it. */
const cpuTicks = async (): Promise<{ busy: number; all: number }> => {
  const fields = (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const all = fields.reduce((a, b) => a + b, 0);
  return { busy: all - fields[3]! - (fields[4] ?? 0), all };
};

const timed = async (base: string, clients: number, seconds: number, during?: (elapsedMs: number) => Promise<void>) => {
  const stop = new AbortController();
  const started = Date.now();
  const cpuBefore = await cpuTicks();
  const run = load(base, clients, stop.signal);
  if (during) await during(started);
  await sleep(Math.max(0, seconds * 1000 - (Date.now() - started)));
  stop.abort();
  const cpuAfter = await cpuTicks();
  const result = await run;
  const cpuBusy = Number(((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.all - cpuBefore.all)).toFixed(2));
  return { ...result, cpuBusy, perSecond: result.acknowledged.length / ((Date.now() - started) / 1000) };
};

export const runCluster = async ({ seconds = 8, clients = 16 } = {}): Promise<ClusterReport> => {
  const database = await createServerDatabase();
  const vhost = await TestVhost.create();
  const dir = await mkdtemp(join(tmpdir(), 'wt-haproxy-'));
  const processes: ServiceProcess[] = [];
  let haproxy: ChildProcess | undefined;
  const broker = await vhost.connect();
  try {
    // The sink: a queue of its own bound to every notification, before any worker publishes.
    const channel = await broker.createChannel();
    await channel.assertExchange(NOTIFICATIONS_EXCHANGE, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('cluster-sink', { durable: true });
    await channel.bindQueue(queue, NOTIFICATIONS_EXCHANGE, '#');
    const received: Array<{ messageId: string; id: string }> = [];
    await channel.consume(queue, (message) => {
      if (!message) return;
      received.push({ messageId: String(message.properties.messageId), id: String((JSON.parse(message.content.toString()) as { id: string }).id) });
      channel.ack(message);
    });

    const proxyPort = await freePort();
    const common = {
      ...TOPOLOGY.settings, CHECK_ANSWERS: 'false',
      DATABASE_URL: database.url, JWT_SECRET: DEV_JWT_SECRET, PUBLIC_BASE_URL: `http://127.0.0.1:${proxyPort}`, AMQP_URL: vhost.url,
    } satisfies Record<(typeof TOPOLOGY.required)[number], string> & Record<string, string>;
    const start = async (role: 'api' | 'worker') => {
      const started = await ServiceProcess.start({ ...common, ROLE: role }, 'dist/main.js');
      await started.until(() => started.ready(), 30_000);
      processes.push(started);
      return started;
    };
    const apis: ServiceProcess[] = [];
    const workers: ServiceProcess[] = [];
    for (let i = 0; i < TOPOLOGY.apis; i += 1) apis.push(await start('api'));
    for (let i = 0; i < TOPOLOGY.workers; i += 1) workers.push(await start('worker'));
    const [api1] = apis;
    const [worker1] = workers;
    const config = join(dir, 'haproxy.cfg');
    await writeFile(config, haproxyConfig(`127.0.0.1:${proxyPort}`, apis.map((a) => new URL(a.base).host)));
    haproxy = spawn(HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const proxy = `http://127.0.0.1:${proxyPort}`;
    for (let waited = 0; (await fetch(`${proxy}/readyz`).then((r) => r.status, () => 0)) !== 200; waited += 100) {
      if (waited > 10_000 || haproxy.exitCode !== null) throw new Error('HAProxy did not come up');
      await sleep(100);
    }

    await timed(proxy, clients, Math.min(3, seconds)); // warm-up (JIT, pools), not counted
    const one = await timed(api1!.base, clients, seconds);
    const two = await timed(proxy, clients, seconds);
    const killed: string[] = [];
    const kills = await timed(proxy, clients, seconds * 2, async (startedAt) => {
      await sleep(seconds * 500);
      api1!.child.kill('SIGKILL');
      killed.push(`API process 1 at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      await sleep(seconds * 250);
      worker1!.child.kill('SIGKILL');
      killed.push(`worker 1 at ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    });

    // Every acknowledged write is there; every notification reached the broker (the other worker takes over the dead one's leases).
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    let lost = 0;
    let inDatabase: string[] = [];
    try {
      const all = [...one.acknowledged, ...two.acknowledged, ...kills.acknowledged];
      for (const kind of ['announcement', 'booking'] as const) {
        const ids = all.filter((w) => w.kind === kind).map((w) => w.id);
        const table = kind === 'announcement' ? 'announcements' : 'bookings';
        const found = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE id = ANY($1::uuid[])`, [ids])).rows[0]!.n;
        lost += ids.length - found;
      }
      for (let waited = 0; ; waited += 250) {
        const pending = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM notifications WHERE delivered_at IS NULL AND dead_at IS NULL')).rows[0]!.n;
        if (pending === 0) break;
        if (waited > 60_000) throw new Error(`${pending} notifications still undelivered after a minute`);
        await sleep(250);
      }
      inDatabase = (await client.query<{ id: string }>('SELECT id FROM notifications')).rows.map((r) => r.id);
    } finally {
      await client.end();
    }
    await sleep(500); // the last confirms' messages reach the sink
    const receivedIds = new Set(received.map((r) => r.id));
    return {
      seconds, clients,
      writesPerSecond: { oneApi: Math.round(one.perSecond), twoApis: Math.round(two.perSecond), ratio: Number((two.perSecond / one.perSecond).toFixed(2)) },
      cpuBusy: { oneApi: one.cpuBusy, twoApis: two.cpuBusy, cores: availableParallelism() },
      killRun: { acknowledged: kills.acknowledged.length, lost, retried: kills.retried, gaveUp: kills.gaveUp, statuses: kills.statuses, killed },
      notifications: {
        inDatabase: inDatabase.length, received: received.length, lost: inDatabase.filter((id) => !receivedIds.has(id)).length,
        handedOverTwice: received.length - receivedIds.size, duplicatesWithAnotherId: received.filter((r) => r.messageId !== r.id).length,
      },
    };
  } finally {
    haproxy?.kill('SIGKILL');
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await broker.close().catch(() => undefined);
    await vhost.delete();
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  }
};

export type ReplicaReport = {
  readonly seconds: number;
  readonly clients: number;
  /** Reads sent with the position of the client's own write just before: every one must show it. */
  readonly readYourWrites: { readonly writes: number; readonly ownReads: number; readonly ownReadsMissingTheWrite: number; readonly readsWithoutPositionMissingIt: number };
  readonly readsPerSecond: { readonly primaryOnly: number; readonly withReplica: number; readonly ratio: number };
  readonly cpuBusy: { readonly primaryOnly: number; readonly withReplica: number };
};

/** Steps 4 and 5 of the header: an API process on a primary and its streaming replica, against one on the primary alone. */
export const runReplica = async ({ seconds = 8, clients = 16 } = {}): Promise<ReplicaReport> => {
  const primary = await ThrowawayCluster.create();
  let replica: ThrowawayCluster | undefined;
  const processes: ServiceProcess[] = [];
  try {
    await migrate(primary.url);
    replica = await primary.replica();
    const start = async (env: Record<string, string>) => {
      const started = await ServiceProcess.start({ DATABASE_URL: primary.url, JWT_SECRET: DEV_JWT_SECRET, ROLE: 'api', CHECK_ANSWERS: 'false', ...env }, 'dist/main.js');
      await started.until(() => started.ready(), 30_000);
      processes.push(started);
      return started;
    };
    const onPrimary = await start({});
    const onReplica = await start({ READ_DATABASE_URL: replica.url });
    type Screening = { id?: string; myBooking?: { id: string } | null };
    const call = (base: string, method: string, path: string, userId: string, options?: { body?: unknown; after?: string | null }) =>
      callAs<Screening>(base, method, path, userId, options);

    // 4. Each client: a screening, a seat in it, and the guest's next read, with and without the position.
    const screenings: string[] = [];
    const counts = { writes: 0, ownReads: 0, ownReadsMissingTheWrite: 0, readsWithoutPositionMissingIt: 0 };
    const stop = AbortSignal.timeout(seconds * 1000);
    await Promise.all(Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; !stop.aborted; i += 1) {
        const created = await call(onReplica.base, 'POST', '/announcements', randomUUID(), { body: {
          movieId: 'tt0133093', title: `Replica ${c}/${i}`, capacity: 8, approval: 'auto',
          startsAt: new Date(Date.now() + 2 * 86_400_000 + i * 3_600_000).toISOString(), place: { city: 'Berlin', address: 'Replica 1' },
        } });
        if (created.status !== 201) throw new Error(`announcing answered ${created.status}`);
        const guest = randomUUID();
        const booked = await call(onReplica.base, 'POST', `/announcements/${created.body.id}/bookings`, guest, { body: { seats: 1 }, after: created.after });
        if (booked.status !== 201 || !booked.after) throw new Error(`booking answered ${booked.status} (WT-Read-After ${booked.after})`);
        counts.writes += 2;
        const [own, plain] = await Promise.all([
          call(onReplica.base, 'GET', `/announcements/${created.body.id}`, guest, { after: booked.after }),
          call(onReplica.base, 'GET', `/announcements/${created.body.id}`, guest),
        ]);
        counts.ownReads += 1;
        if (own.body.myBooking?.id !== booked.body.id) counts.ownReadsMissingTheWrite += 1;
        if (plain.body.myBooking?.id !== booked.body.id) counts.readsWithoutPositionMissingIt += 1;
        screenings.push(created.body.id!);
      }
    }));

    // 5. Reads alone: a detail read and a search page in turn, by strangers, on each process.
    const reads = async (base: string) => {
      const readers = Array.from({ length: clients }, () => randomUUID());
      const tokens = await Promise.all(readers.map((id) => devTokens.issue(id, 3600)));
      const until = AbortSignal.timeout(seconds * 1000);
      const cpuBefore = await cpuTicks();
      const started = Date.now();
      let done = 0;
      await Promise.all(tokens.map(async (token, c) => {
        for (let i = c; !until.aborted; i += 1) {
          const path = i % 2 === 0 ? `/announcements/${screenings[i % screenings.length]}` : '/announcements?city=Berlin&limit=20';
          const reply = await fetch(`${base}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
          await reply.arrayBuffer();
          if (reply.status !== 200) throw new Error(`a read answered ${reply.status}`);
          done += 1;
        }
      }));
      const cpuAfter = await cpuTicks();
      return { perSecond: done / ((Date.now() - started) / 1000), cpuBusy: Number(((cpuAfter.busy - cpuBefore.busy) / (cpuAfter.all - cpuBefore.all)).toFixed(2)) };
    };
    await reads(onReplica.base); // warm-up of both pools and the JIT, not counted
    const alone = await reads(onPrimary.base);
    const withReplica = await reads(onReplica.base);
    return {
      seconds, clients, readYourWrites: counts,
      readsPerSecond: { primaryOnly: Math.round(alone.perSecond), withReplica: Math.round(withReplica.perSecond), ratio: Number((withReplica.perSecond / alone.perSecond).toFixed(2)) },
      cpuBusy: { primaryOnly: alone.cpuBusy, withReplica: withReplica.cpuBusy },
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop('SIGKILL')));
    await replica?.destroy();
    await primary.destroy();
  }
};

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, clients: { type: 'string', default: '16' }, write: { type: 'boolean', default: false } } });
  const options = { seconds: Number(values.seconds), clients: Number(values.clients) };
  const report = { ...(await runCluster(options)), replica: await runReplica(options) };
  console.log(JSON.stringify(report, null, 2));
  if (values.write) await writeFile('bench/cluster-results.json', `${JSON.stringify({ measuredAt: new Date().toISOString(), ...report }, null, 2)}\n`);
  const failed = report.killRun.lost > 0 || report.killRun.gaveUp > 0 || report.notifications.lost > 0 || report.notifications.duplicatesWithAnotherId > 0 ||
    report.replica.readYourWrites.ownReadsMissingTheWrite > 0;
  if (failed) { console.error('the cluster lost something'); process.exitCode = 1; }
}
