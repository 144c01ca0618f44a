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

  for (const fresh of [true, false])
    it(`starts 2 API processes and 3 workers at once on a ${fresh ? 'new' : 'migrated'} database: all of them serve`, async () => {
      database = await createServerDatabase({ migrated: !fresh });
      const roles = ['api', 'api', 'worker', 'worker', 'worker'];
      const started = await Promise.allSettled(roles.map((ROLE) => ServiceProcess.start({ DATABASE_URL: database.url, ROLE, JWT_SECRET: SECRET })));
      const processes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        expect(started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []))).to.deep.equal([]);
        await Promise.all(processes.map((p) => p.until(() => p.ready(), 60_000)));
        expect(processes.map((p) => p.alive)).to.deep.equal(roles.map(() => true));
        record(`processes started together on a ${fresh ? 'new' : 'migrated'} database`, { processes: roles.length, ready: processes.filter((p) => p.alive).length, exited: roles.length - processes.filter((p) => p.alive).length });
      } finally {
        await Promise.all(processes.map((p) => p.stop()));
      }
    });
});
