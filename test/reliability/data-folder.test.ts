import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'chai';
import { EmbeddedPostgres } from '../../src/adapters/postgres/embedded-postgres.js';
import { record } from './reliability-record.js';

const TSX = resolve('node_modules/tsx/dist/esm/index.mjs');

/** The embedded database's folder: private whoever made it, and held by one process however many race for it. */
describe('Reliability: the embedded database’s folder', function () {
  this.timeout(60_000);
  let dataDir: string;
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'wt-folder-')); });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('keeps a folder it found as private as one it made: 0700 before a byte is written, unreadable to other users', async () => {
    const found = join(dataDir, 'made-by-someone');
    await mkdir(found, { mode: 0o755 });
    await chmod(found, 0o755);
    const embedded = await EmbeddedPostgres.start(found, 2);
    try {
      expect((await stat(found)).mode & 0o777).to.equal(0o700);
      const wal = join(found, 'pg_wal', (await readdir(join(found, 'pg_wal'))).find((f) => /^[0-9A-F]{24}$/.test(f))!);
      // PGlite writes its files 0666: only the folder keeps another user out.
      expect((await stat(wal)).mode & 0o006, 'the file itself is open, so the folder must be shut').to.not.equal(0);
      if (process.getuid?.() === 0) {
        const asNobody = (file: string) => { try { execFileSync('runuser', ['-u', 'nobody', '--', 'cat', file], { stdio: 'pipe' }); return 'read'; } catch { return 'refused'; } };
        expect(asNobody(wal)).to.equal('refused');
        expect(asNobody(join(found, 'postgresql.conf'))).to.equal('refused');
      }
      record('data folder found open (0755)', { 'mode after start': '0700', 'WAL read by another user': process.getuid?.() === 0 ? 'refused' : 'not tried (not root)' });
    } finally {
      await embedded.stop();
    }
  });

  it('is held by one of four processes racing for it over a stale lock, never by two at once, 20 times in a row', async function () {
    this.timeout(120_000);
    const slotMs = 600;
    const trials = 20;
    const startAt = Date.now() + 4_000;
    const contender = resolve('test/support/lock-contender.ts');
    const runs = Array.from({ length: 4 }, () => new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['--import', TSX, contender, dataDir, String(startAt), String(slotMs), String(trials), '150']);
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(out))));
    }));
    // Before each slot, a lock left by a process that died on this host (kill -9).
    for (let trial = 0; trial < trials; trial += 1) {
      await new Promise((r) => setTimeout(r, Math.max(0, startAt + trial * slotMs - slotMs / 4 - Date.now())));
      await writeFile(join(dataDir, 'watch-together.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), since: 'then' }));
    }
    type Turn = { trial: number; held: boolean; from: number; to: number };
    const turns = (await Promise.all(runs)).flatMap((out) => out.trim().split('\n').map((line) => JSON.parse(line) as Turn));
    const held = turns.filter((t) => t.held).sort((a, b) => a.from - b.from);
    for (let i = 1; i < held.length; i += 1)
      expect(held[i]!.from, `trial ${held[i]!.trial}: a second holder while trial ${held[i - 1]!.trial}'s held on`).to.be.greaterThan(held[i - 1]!.to);
    expect(new Set(held.map((t) => t.trial)).size, 'every slot had a holder').to.equal(trials);
    expect(turns.filter((t) => !t.held).length, 'the contenders really met').to.be.greaterThan(trials);
    record('data folder lock, 4 processes at once over a stale lock', {
      trials, holders: held.length, 'refused (held elsewhere)': turns.filter((t) => !t.held).length, 'two holders at once': 0,
    });
  });
});
