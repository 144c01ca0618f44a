import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres.js';
import { StartupError } from '../../src/adapters/startup-error.js';
import { Hs256AccessTokens } from '../../src/adapters/auth/hs256-access-tokens.js';
import { DEMO_DIRECTORY_FILE, DEV_JWT_SECRET, loadConfig } from '../../src/config.js';
import { freePort } from '../support/free-port.js';

type Run = { code: number | null; stdout: string; stderr: string };
const MAIN = resolve('src/main.ts');
const TSX = resolve('node_modules/tsx/dist/esm/index.mjs');

/** Starts `src/main.ts` as `npm start` would, from `cwd`; resolves on exit. `onListening` runs once it serves. */
const launch = (env: Record<string, string>, onListening?: (child: ChildProcess) => void, cwd = process.cwd()): { child: ChildProcess; done: Promise<Run> } => {
  const child = spawn(process.execPath, ['--import', TSX, MAIN], {
    cwd, env: { ...process.env, LOG_LEVEL: 'silent', WATCHER_INTERVAL_MS: '0', PORT: '0', ...env },
  });
  let stdout = '';
  let stderr = '';
  let told = false;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!told && onListening && stdout.includes('listening on')) {
      told = true;
      onListening(child);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolveRun) => child.on('exit', (code) => resolveRun({ code, stdout, stderr })));
  return { child, done };
};
const runMain = (env: Record<string, string>, signalWhenListening?: NodeJS.Signals, cwd?: string): Promise<Run> =>
  launch(env, signalWhenListening ? (child) => child.kill(signalWhenListening) : undefined, cwd).done;

/** Two people of the shipped demo directory. */
const DEMO = { alice: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01', bob: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a02' } as const;

const expectOneLine = (run: Run, pattern: RegExp) => {
  expect(run.code, run.stderr).to.equal(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines, run.stderr).to.have.length(1);
  expect(lines[0]).to.match(pattern);
};

describe('Start-up and shutdown', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'wt-start-')); });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  describe('configuration', () => {
    it('stops with one line naming a bad configuration value', async () => {
      expectOneLine(await runMain({ PORT: 'eighty' }), /^Invalid configuration: PORT must be a port number \(got "eighty"\)$/);
    });

    it('names each bad variable, and never prints a secret', () => {
      expect(() => loadConfig({ LOG_LEVEL: 'loud' })).to.throw(/^Invalid configuration: LOG_LEVEL/);
      expect(() => loadConfig({ PUBLIC_BASE_URL: 'not a url' })).to.throw(/^Invalid configuration: PUBLIC_BASE_URL/);
      expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(/JWT_SECRET or JWKS_URL is required/);
      let message = '';
      try { loadConfig({ JWT_SECRET: 'my-short-secret' }); } catch (error) { message = (error as Error).message; }
      expect(message).to.match(/^Invalid configuration: JWT_SECRET must be at least 32 characters/).and.not.contain('my-short-secret');
      try { loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x' }); } catch (error) { message = (error as Error).message; }
      expect(message).to.match(/DATABASE_URL/).and.not.contain('hunter2');
    });

    it('listens on loopback only with the built-in dev secret, and anywhere once JWT_SECRET is set', () => {
      expect(loadConfig({})).to.include({
        port: 8080, host: '127.0.0.1', directoryFile: DEMO_DIRECTORY_FILE, publicBaseUrl: 'http://localhost:8080',
        usesDevSecret: true, storage: 'embedded', dataDir: './data',
      });
      expect(() => loadConfig({ HOST: '0.0.0.0' })).to.throw(/^Invalid configuration: HOST 0.0.0.0 needs JWT_SECRET/);
      expect(loadConfig({ HOST: 'localhost' }).host).to.equal('localhost');
      const secret = 'a-real-secret-a-real-secret-0123456789';
      expect(loadConfig({ JWT_SECRET: secret }).host).to.equal('0.0.0.0');
      expect(loadConfig({ JWT_SECRET: secret, HOST: '0.0.0.0' })).to.include({ host: '0.0.0.0', usesDevSecret: false });
      expect(loadConfig({ DATABASE_URL: 'postgres://db/wt' })).to.include({ storage: 'postgres', databaseUrl: 'postgres://db/wt' });
      expect(() => loadConfig({ STORAGE: 'postgres' })).to.throw(/DATABASE_URL is required/);
    });
  });

  describe('neighbours', () => {
    it('calls each neighbour whose URL is set over HTTP, and takes tokens from a key set without any shared secret', () => {
      expect(loadConfig({}).neighbours).to.deep.equal({ timeoutMs: 1000 });
      const urls = { USERS_URL: 'https://users.example', MOVIES_URL: 'https://films.example', SHORTENER_URL: 'https://s.example', JWKS_URL: 'https://id.example/jwks.json' };
      const invites = { INVITE_SECRET: 'invite-links-secret-0123456789abcdef' };
      expect(loadConfig({ ...urls, ...invites, JWT_ISSUER: 'https://id.example', JWT_AUDIENCE: 'wt', NEIGHBOUR_TIMEOUT_MS: '250' }).neighbours).to.deep.equal({
        usersUrl: 'https://users.example', moviesUrl: 'https://films.example', shortenerUrl: 'https://s.example', jwksUrl: 'https://id.example/jwks.json',
        jwtIssuer: 'https://id.example', jwtAudience: 'wt', timeoutMs: 250,
      });
      // A key set alone: no HS256 secret at all (not even the dev one), and any HOST.
      const jwksOnly = loadConfig({ JWKS_URL: urls.JWKS_URL, HOST: '0.0.0.0', NODE_ENV: 'production', ...invites });
      expect(jwksOnly).to.include({ usesDevSecret: false, host: '0.0.0.0' });
      expect(jwksOnly.jwtSecret).to.equal(undefined);
      expect(jwksOnly.inviteSecret).to.equal(invites.INVITE_SECRET);
      // Invite links are signed with a secret of the service's own: a key set alone has none to lend.
      expect(() => loadConfig({ JWKS_URL: urls.JWKS_URL })).to.throw(/INVITE_SECRET .* is required with JWKS_URL alone/);
      expect(loadConfig({ JWKS_URL: urls.JWKS_URL, JWT_SECRET: 'a-real-secret-a-real-secret-0123456789' }).jwtSecret).to.equal('a-real-secret-a-real-secret-0123456789');
      expect(() => loadConfig({ JWT_ISSUER: 'https://id.example' })).to.throw(/JWT_ISSUER is checked on tokens from JWKS_URL/);
      expect(() => loadConfig({ USERS_URL: 'users:8080' })).to.throw(/^Invalid configuration: USERS_URL must be an absolute http:\/\/ or https:\/\/ URL/);
      expect(() => loadConfig({ NEIGHBOUR_TIMEOUT_MS: 'soon' })).to.throw(/^Invalid configuration: NEIGHBOUR_TIMEOUT_MS must be a number/);
    });
  });

  describe('roles and the notification service', () => {
    it('runs API and worker together by default; apart only on a database server', () => {
      expect(loadConfig({})).to.include({ role: 'all' });
      expect(loadConfig({}).delivery).to.deep.equal({ timeoutMs: 5000, maxAttempts: 10, batchSize: 50, intervalMs: 500 });
      expect(loadConfig({}).reminderIntervalMs).to.equal(10_000);
      expect(loadConfig({ ROLE: 'worker', DATABASE_URL: 'postgres://db/wt' })).to.include({ role: 'worker' });
      expect(() => loadConfig({ ROLE: 'api' })).to.throw(/^Invalid configuration: ROLE=api needs DATABASE_URL: the embedded database belongs to one process/);
      expect(() => loadConfig({ ROLE: 'worker', STORAGE: 'memory' })).to.throw(/ROLE=worker needs DATABASE_URL/);
      expect(() => loadConfig({ ROLE: 'cron' })).to.throw(/^Invalid configuration: ROLE must be all, api or worker/);
    });

    it('takes one notification service, and reminders at most 30 s apart', () => {
      expect(loadConfig({ NOTIFY_URL: 'https://notify.example' })).to.include({ notifyUrl: 'https://notify.example' });
      expect(loadConfig({ AMQP_URL: 'amqp://u:p@mq' })).to.include({ amqpUrl: 'amqp://u:p@mq' });
      expect(() => loadConfig({ NOTIFY_URL: 'https://notify.example', AMQP_URL: 'amqp://mq' })).to.throw(/NOTIFY_URL and AMQP_URL are both set/);
      expect(() => loadConfig({ AMQP_URL: 'http://mq' })).to.throw(/^Invalid configuration: AMQP_URL must be an amqp/);
      expect(() => loadConfig({ REMINDER_INTERVAL_MS: '60000' })).to.throw(/REMINDER_INTERVAL_MS must be at most 30000/);
    });

    it('reminds the host and the guest of a screening an hour ahead within 30 s of the moment, with default settings, once', async function () {
      this.timeout(90_000);
      const port = await freePort();
      let listening!: () => void;
      const up = new Promise<void>((r) => (listening = r));
      const started = launch({ DATA_DIR: dataDir, PORT: String(port) }, () => listening());
      try {
        await up;
        const api = `http://127.0.0.1:${port}/api/v1`;
        const tokens = new Hs256AccessTokens(DEV_JWT_SECRET);
        const host = await tokens.issue(DEMO.alice, 600);
        const guest = await tokens.issue(DEMO.bob, 600);
        const call = async (path: string, token: string, body?: object, method = body ? 'POST' : 'GET') => (await fetch(`${api}${path}`, {
          method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
        })).json() as Promise<Record<string, any>>;
        // The 1-hour moment comes 3 s from now.
        const moment = Date.now() + 3_000;
        const a = await call('/announcements', host, {
          movieId: 'tt0133093', title: 'Soon', startsAt: new Date(moment + 3_600_000).toISOString(), capacity: 4, place: { city: 'Berlin', address: 'Torstraße 1' },
        });
        const b = await call(`/announcements/${a.id}/bookings`, guest, {});
        await call(`/bookings/${b.id}`, host, { status: 'accepted' }, 'PATCH');
        const reminders = async (token: string) => ((await call('/me/notifications', token)).items as Array<{ type: string; createdAt: string; announcementId: string }>)
          .filter((n) => n.announcementId === a.id && n.type.startsWith('announcement.reminder'));
        let notes: Array<{ type: string; createdAt: string }> = [];
        for (let waited = 0; notes.length === 0 && waited < 40_000; waited += 500) {
          await new Promise((r) => setTimeout(r, 500));
          notes = await reminders(guest);
        }
        expect(notes.map((n) => n.type)).to.deep.equal(['announcement.reminder_1h']);
        expect(Date.parse(notes[0]!.createdAt) - moment).to.be.within(0, 30_000);
        expect((await reminders(host)).map((n) => n.type)).to.deep.equal(['announcement.reminder_1h']);
      } finally {
        started.child.kill('SIGTERM');
        await started.done;
      }
    });
  });

  describe('failures an operator can fix are one line naming the setting', () => {
    it('a port in use', async () => {
      const taken = createServer().listen(0, '127.0.0.1');
      await new Promise((r) => taken.once('listening', r));
      try {
        const port = String((taken.address() as { port: number }).port);
        expectOneLine(await runMain({ PORT: port, DATA_DIR: dataDir }), new RegExp(`^PORT ${port} on HOST 127.0.0.1 is in use`));
      } finally {
        taken.close();
      }
    });

    it('a directory file that is not there', async () => {
      expectOneLine(await runMain({ DIRECTORY_FILE: 'no/such.json', DATA_DIR: dataDir }), /^DIRECTORY_FILE .*no\/such\.json: no such file\./);
    });

    it('a database server that refuses (not: is away)', async () => {
      const url = 'postgres://postgres:pw-not-shown@127.0.0.1:5432/wt_no_such_database';
      expectOneLine(await runMain({ DATABASE_URL: url }), /^DATABASE_URL postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\/wt_no_such_database refused: database .* does not exist/);
    });

    it('a data folder another process holds: the second process refuses, naming the first', async () => {
      let listening!: () => void;
      const up = new Promise<void>((r) => (listening = r));
      const first = launch({ DATA_DIR: dataDir }, () => listening());
      try {
        await up;
        expectOneLine(await runMain({ DATA_DIR: dataDir }), new RegExp(`^DATA_DIR .* is in use by process ${first.child.pid} `));
      } finally {
        first.child.kill('SIGTERM');
        expect((await first.done).code).to.equal(0);
      }
      // Released on a clean stop: the folder can be opened again.
      expect((await runMain({ DATA_DIR: dataDir }, 'SIGTERM')).code).to.equal(0);
    });
  });

  it('starts on embedded PostgreSQL from any folder, prints dev tokens and a curl example, and exits cleanly on SIGTERM', async () => {
    const run = await runMain({ DATA_DIR: dataDir }, 'SIGTERM', tmpdir());
    expect(run.code, run.stderr).to.equal(0);
    expect(run.stdout).to.contain('(storage: embedded; API and worker)');
    expect(run.stdout).to.contain('notifications: delivered to the inbox only');
    expect(run.stdout).to.contain('bound to 127.0.0.1 only');
    expect(run.stdout).to.match(/Alice Martin +eyJ/);
    expect(run.stdout).to.contain('curl -s -X POST');
  });

  it('serves /metrics on METRICS_PORT alone when it is set, not on the API’s port', async () => {
    const [api, metrics] = [await freePort(), await freePort()];
    let listening!: () => void;
    const up = new Promise<void>((r) => (listening = r));
    const run = launch({ DATA_DIR: dataDir, PORT: String(api), METRICS_PORT: String(metrics) }, () => listening());
    try {
      await up;
      const scraped = await fetch(`http://127.0.0.1:${metrics}/metrics`);
      expect([scraped.status, (await scraped.text()).includes('process_cpu_user_seconds_total')]).to.deep.equal([200, true]);
      expect((await fetch(`http://127.0.0.1:${metrics}/api/v1/announcements`)).status).to.equal(404);
      expect((await fetch(`http://127.0.0.1:${api}/metrics`)).status).to.equal(404);
      expect((await fetch(`http://127.0.0.1:${api}/healthz`)).status).to.equal(200);
    } finally {
      run.child.kill('SIGTERM');
      expect((await run.done).code).to.equal(0);
    }
  });

  describe('the embedded database', () => {
    it('is served on a Unix socket only its user may open, never on a TCP port', async () => {
      const embedded = await EmbeddedPostgres.start(dataDir, 2);
      try {
        const url = new URL(embedded.url);
        expect(url.port).to.equal('');
        expect(url.searchParams.get('host')).to.equal(resolve(dataDir));
        const socket = await stat(join(dataDir, '.s.PGSQL.5432'));
        expect(socket.isSocket()).to.equal(true);
        expect(socket.mode & 0o077, 'no rights for group or others').to.equal(0);
      } finally {
        await embedded.stop();
      }
    });

    it('refuses, in one line, a folder it cannot close to other users', async () => {
      expectOneLine(await runMain({ DATA_DIR: '/proc/self/fdinfo' }), /^DATA_DIR \/proc\/self\/fdinfo is open to other users \(mode 0555\) and cannot be made private \(EPERM\): /);
    });

    it('belongs to one process: a second open of the folder is refused, a dead holder’s lock is taken over', async () => {
      const first = await EmbeddedPostgres.start(dataDir, 2);
      let refused: unknown;
      try {
        await EmbeddedPostgres.start(dataDir, 2).then((second) => second.stop(), (error: unknown) => (refused = error));
      } finally {
        await first.stop();
      }
      expect(refused).to.be.instanceOf(StartupError);
      expect((refused as Error).message).to.match(new RegExp(`in use by process ${process.pid} `));
      // A lock left by a process that no longer runs (kill -9) does not keep the folder shut.
      await writeFile(join(dataDir, 'watch-together.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: 'then' }));
      const again = await EmbeddedPostgres.start(dataDir, 2);
      await again.stop();
    });
  });
});
