import { expect } from 'chai';
import type pg from 'pg';
import { ratingSide } from '../../src/domain/index.js';
import { backends } from './backends.js';

const MAX_COUNT = 1000;

/**
 * The host's score exists once, in the domain; the database keeps the number the domain gave.
 * The scores kept before were PostgreSQL's numeric formula (carried over by a migration), so
 * both must agree exactly for every count up to 1 000 ratings and every sum those can have —
 * floating point once made 35 ratings summing to 82 2.42 in the domain and 2.43 in SQL.
 */
for (const backend of backends().filter((b) => b.name !== 'memory'))
  describe(`The host's score on ${backend.name}`, function () {
    this.timeout(120_000);

    it(`is the same number in the domain and in SQL for every (count, sum) up to ${MAX_COUNT} ratings`, async () => {
      const storage = await backend.open();
      const pool = (storage as { pool?: pg.Pool }).pool!;
      let compared = 0;
      const differ: string[] = [];
      for (let from = 0; from <= MAX_COUNT; from += 100) {
        const to = Math.min(MAX_COUNT, from + 99);
        const { rows } = await pool.query<{ n: number; s: number; score: string }>(`
          SELECT n, s, bayesian_score(s, n)::text AS score
            FROM generate_series($1::int, $2::int) AS n, LATERAL generate_series(n, 5 * n) AS s`, [from, to]);
        for (const row of rows) {
          compared += 1;
          const domain = ratingSide(row.s, row.n).score;
          if (domain !== Number(row.score)) differ.push(`${row.n} ratings summing to ${row.s}: domain ${domain}, SQL ${row.score}`);
        }
      }
      expect(differ.slice(0, 5)).to.deep.equal([]);
      expect(compared).to.equal(Array.from({ length: MAX_COUNT + 1 }, (_, n) => 4 * n + 1).reduce((a, b) => a + b, 0));
      expect(ratingSide(82, 35).score).to.equal(2.43);
    });
  });
