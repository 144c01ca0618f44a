import { expect } from 'chai';
import pg from 'pg';
import { beginBatched, endTransaction, prepareStatementsOn, run } from '../../src/adapters/postgres/pg-client.js';
import { createServerDatabase, serverProblem, type TestDatabase } from '../support/databases.js';

/**
 * pg-client.ts: on a PostgreSQL server, statements batched into one message run as EXECUTEs of
 * statements the connection PREPAREd once, so PostgreSQL does not parse and plan them again at
 * every request; a failed message must not leave the connection unsure of what it has prepared.
 */
describe('Batched statements on a PostgreSQL server', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  before(async function () {
    if (await serverProblem()) this.skip();
    db = await createServerDatabase({ migrated: false });
    pool = new pg.Pool({ connectionString: db.url, max: 1 });
    prepareStatementsOn(pool);
  });
  after(async () => {
    await pool?.end();
    await db?.drop();
  });

  /** Two statements issued together, in a batched transaction on the pool's one connection, and its end. */
  const together = async (divisor: number, last: 'COMMIT' | 'ROLLBACK' = 'COMMIT') => {
    const client = await pool.connect();
    try {
      beginBatched(client);
      const results = await Promise.allSettled([
        run(client, 'SELECT $1::int + 1 AS n', [41]),
        run(client, 'SELECT 10 / $1::int AS n', [divisor]),
      ]);
      await endTransaction(client, results.every((r) => r.status === 'fulfilled') ? last : 'ROLLBACK');
      return results.map((r) => (r.status === 'fulfilled' ? (r.value.rows[0] as { n: number }).n : (r.reason as { code?: string }).code));
    } finally {
      client.release();
    }
  };
  const preparedHere = async () => (await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY statement'))
    .rows.map((r) => r.statement);

  it('prepares each statement once per connection, with its parameters bound as given', async () => {
    expect(await together(5)).to.deep.equal([42, 2]);
    expect(await together(2)).to.deep.equal([42, 5]);
    const prepared = (await preparedHere()).filter((s) => s.startsWith('PREPARE'));
    expect(prepared).to.have.length(2);
    expect(prepared.join('\n')).to.include('SELECT 10 / $1::int AS n');
  });

  it('sends what PREPARE cannot take (SET, …) as it is, in the same message', async () => {
    const client = await pool.connect();
    try {
      beginBatched(client);
      const [set, sum] = await Promise.all([run(client, 'SET CONSTRAINTS ALL IMMEDIATE'), run(client, 'SELECT $1::int * 2 AS n', [21])]);
      await endTransaction(client, 'COMMIT');
      expect(set.command).to.equal('SET');
      expect((sum.rows[0] as { n: number }).n).to.equal(42);
    } finally {
      client.release();
    }
  });

  it('fails the statements of a message that fails, and goes on after it with statements prepared anew', async () => {
    const pair = async (first: string) => {
      const client = await pool.connect();
      try {
        beginBatched(client);
        const results = await Promise.allSettled([run(client, first), run(client, 'SELECT $1::text || $2::text AS t', ['a', 'b'])]);
        await endTransaction(client, results.every((r) => r.status === 'fulfilled') ? 'COMMIT' : 'ROLLBACK');
        return results.map((r) => (r.status === 'fulfilled' ? (r.value.rows[0] as { t: string }).t : (r.reason as { code?: string }).code));
      } finally {
        client.release();
      }
    };
    // The first PREPARE fails (no such table), so the second never runs: the connection must not count it as prepared.
    expect(await pair('SELECT t FROM not_there_yet')).to.deep.equal(['42P01', '42P01']);
    expect(await pair("SELECT 'ok' AS t")).to.deep.equal(['ok', 'ab']);
    // A failure in an EXECUTE, after its PREPAREs ran, fails the whole message and nothing after it.
    expect(await together(0)).to.deep.equal(['22012', '22012']);
    expect(await together(1)).to.deep.equal([42, 10]);
  });
});
