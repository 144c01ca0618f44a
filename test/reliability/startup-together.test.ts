import { readdir } from 'node:fs/promises';
import { expect } from 'chai';
import pg from 'pg';
import { migrate, MIGRATIONS_DIR } from '../../src/adapters/postgres/migrations.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';
import { ServiceProcess } from '../support/service-process.js';
import { record } from './reliability-record.js';

const SECRET = 'together-test-secret-together-test-secret';

/** Processes of a deployment starting at the same moment on one PostgreSQL database (issue: 4 of 5 used to exit). */
describe('Reliability: several processes starting together on one database', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  before(async () => { await serverProblem(); });
  afterEach(() => database?.drop());

  const count = async (sql: string): Promise<number> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    } finally {
      await client.end();
    }
  };

  it('migrates once when five runners start at the same instant: the others wait, then find nothing to do', async () => {
    database = await createServerDatabase({ migrated: false });
    let waited = 0;
    const runs = await Promise.all(Array.from({ length: 5 }, () => migrate(database.url, 'up', { onWait: () => (waited += 1) })));
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql'));
    expect(runs.flat().sort()).to.deep.equal(files.map((f) => f.replace(/\.sql$/, '')).sort());
    expect(waited, 'some runner had to wait').to.be.at.least(1);
    expect(await count('SELECT count(*) AS n FROM pgmigrations')).to.equal(files.length);
  });

  const startAll = async (env: Record<string, string>) => {
    const roles = ['api', 'api', 'worker', 'worker', 'worker'];
    const started = await Promise.allSettled(roles.map((ROLE) => ServiceProcess.start({ DATABASE_URL: database.url, ROLE, JWT_SECRET: SECRET, ...env })));
    const processes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    expect(started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).to.deep.equal([]);
    return processes;
  };

  for (const [name, migrated, env] of [
    ['a new database, migrating at start (MIGRATE_AT_START=true)', false, { MIGRATE_AT_START: 'true' }],
    ['a migrated database', true, {}],
  ] as const)
    it(`starts 2 API processes and 3 workers at once on ${name}: all of them serve`, async () => {
      database = await createServerDatabase({ migrated });
      const processes = await startAll(env);
      try {
        await Promise.all(processes.map((p) => p.until(() => p.ready(), 60_000)));
        expect(processes.map((p) => p.alive)).to.deep.equal(processes.map(() => true));
        record(`processes started together on ${name}`, { processes: processes.length, ready: processes.filter((p) => p.alive).length, exited: 5 - processes.length });
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
      }
    });

  it('has processes wait, one line each, for a schema behind theirs until the deploy step migrates, then serve', async () => {
    database = await createServerDatabase({ migrated: false });
    const processes = await startAll({});
    try {
      await Promise.all(processes.map((p) => p.until(async () => /lacks \d+ migration\(s\).*npm run migrate/.test(p.log), 30_000)));
      expect(await Promise.all(processes.map((p) => p.ready()))).to.deep.equal(processes.map(() => false));
      await migrate(database.url);
      await Promise.all(processes.map((p) => p.until(() => p.ready(), 30_000)));
      expect(processes.map((p) => (p.log.match(/lacks \d+ migration/g) ?? []).length)).to.deep.equal(processes.map(() => 1));
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
    }
  });

  it('refuses, in one line, a schema with migrations this version does not know', async () => {
    database = await createServerDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query("INSERT INTO pgmigrations (name, run_on) VALUES ('9999999999999_from-a-newer-version', now())");
    await client.end();
    // The port answers at once (503 while storage opens), so the process may be seen up before it refuses.
    const started = await ServiceProcess.start({ DATABASE_URL: database.url, JWT_SECRET: SECRET }).then((p) => p, (error: Error) => error);
    let output = started instanceof Error ? started.message.replace(/^the service exited at start:\n/, '') : '';
    if (!(started instanceof Error)) {
      expect((await started.exited).code).to.equal(1);
      output = started.log;
    }
    expect(output.trim().split('\n')).to.have.length(1);
    expect(output).to.match(/^DATABASE_URL \S+ has 1 migration\(s\) this version does not know \(9999999999999_from-a-newer-version\)/);
  });
});
