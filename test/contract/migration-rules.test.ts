import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { knownMigrations, MIGRATIONS_DIR } from '../../src/adapters/postgres/migrations.js';

/** Migrations from this one on are held to the rules; those before it ran long ago on every deployment, or run on empty tables. */
const FIRST_CHECKED = '1796112000000';

/** What may not be done to a table that already exists (and so may be large and busy), and what to do instead. */
const RULES: Array<{ pattern: RegExp; instead: string }> = [
  { pattern: /\bCREATE\s+(UNIQUE\s+)?INDEX\s+(?!CONCURRENTLY\b)(IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+(\w+)/gi, instead: 'CREATE INDEX CONCURRENTLY in a migration marked "No transaction"' },
  { pattern: /\bALTER\s+TABLE\s+(\w+)[^;]*?\bADD\s+CONSTRAINT\s+\w+\s+(CHECK|FOREIGN\s+KEY)\b(?![^;]*\bNOT\s+VALID\b)[^;]*;/gi, instead: 'ADD CONSTRAINT … NOT VALID, then VALIDATE CONSTRAINT in a later step' },
  { pattern: /\bALTER\s+TABLE\s+(\w+)[^;]*?\bALTER\s+COLUMN\s+\w+\s+(SET\s+DATA\s+)?TYPE\b/gi, instead: 'a new column, filled in batches, then switched to' },
  { pattern: /\bALTER\s+TABLE\s+(\w+)[^;]*?\bSET\s+NOT\s+NULL\b/gi, instead: 'a CHECK (… IS NOT NULL) NOT VALID, validated' },
];

const tableOf = (match: RegExpMatchArray): string => (match[0].match(/\bON\s+(\w+)/i)?.[1] ?? match[1] ?? '').toLowerCase();

export const breaches = (sql: string): string[] => {
  const created = new Set([...sql.matchAll(/\bCREATE\s+TABLE\s+(IF\s+NOT\s+EXISTS\s+)?(\w+)/gi)].map((m) => m[2]!.toLowerCase()));
  const found: string[] = [];
  for (const { pattern, instead } of RULES)
    for (const match of sql.matchAll(pattern))
      if (!created.has(tableOf(match))) found.push(`${match[0].replace(/\s+/g, ' ').slice(0, 80)} — use ${instead}`);
  for (const section of sql.split(/^\s*--[\s-]*(?=(?:up|down)\s+migration)/im))
    if (/\bCONCURRENTLY\b/i.test(section) && !/^\s*--\s*No transaction\b/im.test(section)) found.push('CONCURRENTLY needs the section to be marked "-- No transaction"');
  return found;
};

/** Migrations a rolling deploy applies while the previous version serves: nothing may hold a busy table for long. */
describe('Migrations, as a rolling deploy needs them', () => {
  it(`from ${FIRST_CHECKED} on, build indexes concurrently, add constraints NOT VALID, and rewrite no table`, async () => {
    const checked = (await knownMigrations()).filter((m) => m >= FIRST_CHECKED);
    expect(checked.length).to.be.greaterThan(0);
    const found: string[] = [];
    for (const name of checked) for (const breach of breaches(await readFile(join(MIGRATIONS_DIR, `${name}.sql`), 'utf8'))) found.push(`${name}: ${breach}`);
    expect(found).to.deep.equal([]);
  });

  it('catches each thing it forbids, and lets a new table have what it likes', () => {
    expect(breaches('CREATE INDEX x ON bookings (a);')).to.have.length(1);
    expect(breaches('-- No transaction\nCREATE INDEX CONCURRENTLY x ON bookings (a);')).to.deep.equal([]);
    expect(breaches('CREATE INDEX CONCURRENTLY x ON bookings (a);')).to.have.length(1);
    expect(breaches('ALTER TABLE bookings ADD CONSTRAINT c CHECK (seats > 0);')).to.have.length(1);
    expect(breaches('ALTER TABLE bookings ADD CONSTRAINT c CHECK (seats > 0) NOT VALID;')).to.deep.equal([]);
    expect(breaches('ALTER TABLE bookings ALTER COLUMN message TYPE varchar(10);')).to.have.length(1);
    expect(breaches('ALTER TABLE bookings ALTER COLUMN message SET NOT NULL;')).to.have.length(1);
    expect(breaches('CREATE TABLE blocks (a int);\nCREATE INDEX blocks_a ON blocks (a);\nALTER TABLE blocks ADD CONSTRAINT c CHECK (a > 0);')).to.deep.equal([]);
  });
});
