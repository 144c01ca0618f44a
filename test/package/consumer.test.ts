import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const run = promisify(execFile);
const ROOT = resolve('.');
const npm = (cwd: string, ...args: string[]) => run('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd, maxBuffer: 1 << 24 });

/** Another service, in TypeScript, that needs the rules and the use cases and nothing of this service's server. */
const CONSUMER = `
import { Announcement, ratingSide } from 'watch-together/domain';
import { createCore } from 'watch-together/application';
import {
  aDraft, EmbeddedLinkShortener, FILM, memoryAdapters, MemoryDirectory, ReadableInviteTokens, SequentialIds, TestClock, USERS,
} from 'watch-together/testing';

// No DOM, no Node types: the core's declarations must stand on ES2023 alone. Only this script prints.
declare const console: { log(text: string): void };

const storage = memoryAdapters();
const directory = MemoryDirectory.of({ users: [{ id: USERS.host, name: 'Hanna' }, { id: USERS.guest, name: 'Gus' }], movies: [FILM] });
const core = createCore({
  ...storage, users: directory, films: directory, shortener: new EmbeddedLinkShortener('https://cinema.example'),
  clock: new TestClock(), ids: new SequentialIds(), publicBaseUrl: 'https://cinema.example', inviteTokens: new ReadableInviteTokens(),
});

const created = await core.createAnnouncement.execute({ hostId: USERS.host, movieId: FILM.id, draft: aDraft({ capacity: 2 }) });
if (created.isErr()) throw new Error(created.error.code);
const booked = await core.createBooking.execute({ guestId: USERS.guest, announcementId: created.value.id, seats: 11 });
const again = await core.createBooking.execute({ guestId: USERS.guest, announcementId: created.value.id, seats: 2 });
const notes = await core.readInbox.execute(USERS.host, 10);
const typed: Announcement | null = await storage.uow.reads.announcements.byId(created.value.id);
console.log(JSON.stringify({
  host: created.value.host.name, tooMany: booked.isErr() ? booked.error.code : 'ok', booked: again.isOk() ? again.value.status : again.error.code,
  inbox: notes.isOk() ? notes.value.items.map((n) => n.type) : [], seatsLeft: typed?.seatsLeft, prior: ratingSide(0, 0).score,
  delivers: core.deliverNotifications !== null,
}));
`;

const CONTRACTS = `
import { memorySubject } from 'watch-together/testing';
import { repositoryContract, searchContract, storeContract } from 'watch-together/testing/contracts';
for (const contract of [repositoryContract, searchContract, storeContract]) contract(memorySubject);
`;

describe('The core as a library, packed and installed in a fresh consumer', function () {
  this.timeout(300_000);
  let dir: string;
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'wt-consumer-')); });
  after(() => rm(dir, { recursive: true, force: true }));

  it('installs with only the core’s own dependency, type-checks without Node types, and runs a use case', async () => {
    const { stdout } = await npm(ROOT, 'pack', '--pack-destination', dir, '--silent');
    const tarball = join(dir, stdout.trim().split('\n').at(-1)!);
    const app = join(dir, 'app');
    await mkdir(app);
    await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    await npm(app, 'install', tarball);
    // Exactly the package, the core's one dependency, and what that one itself declares (neverthrow ships an optional rollup binary).
    const neverthrow = JSON.parse(await readFile(join(app, 'node_modules/neverthrow/package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const itsOwn = new Set(Object.keys({ ...neverthrow.dependencies, ...neverthrow.optionalDependencies }).map((name) => name.split('/')[0]!));
    const installed = (await readdir(join(app, 'node_modules'))).filter((d) => !d.startsWith('.') && !itsOwn.has(d));
    expect(installed.sort()).to.deep.equal(['neverthrow', 'watch-together']);

    const shipped = join(app, 'node_modules/watch-together');
    const files = await readdir(shipped);
    expect(files).to.include.members(['dist', 'migrations', 'package.json']).and.not.include('test').and.not.include('src');
    // The pure core reaches nothing outside itself but neverthrow.
    for (const part of ['domain', 'application']) {
      for (const file of (await readdir(join(shipped, 'dist', part), { recursive: true })).filter((f) => f.endsWith('.js'))) {
        const imports = [...(await readFile(join(shipped, 'dist', part, file), 'utf8')).matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
        expect(imports.filter((i) => !i.startsWith('.')), `${part}/${file}`).to.satisfy((bare: string[]) => bare.every((i) => i === 'neverthrow'));
      }
    }

    await writeFile(join(app, 'consumer.ts'), CONSUMER);
    await writeFile(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: {
      target: 'ES2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: false,
      lib: ['ES2023'], types: [], outDir: 'out',
    }, files: ['consumer.ts'] }));
    await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app }).catch((e: { stdout: string }) => expect.fail(e.stdout));
    const result = JSON.parse((await run(process.execPath, ['out/consumer.js'], { cwd: app })).stdout);
    expect(result).to.deep.equal({
      host: 'Hanna', tooMany: 'BOOKING.INVALID', booked: 'pending', inbox: ['booking.created'], seatsLeft: 2, prior: 3, delivers: false,
    });
  });

  it('holds adapters to the port contracts in the consumer, with its own mocha and chai', async () => {
    const app = join(dir, 'app');
    await npm(app, 'install', 'mocha@12', 'chai@6');
    await writeFile(join(app, 'contracts.test.js'), CONTRACTS);
    const { stdout } = await run(join(app, 'node_modules/.bin/mocha'), ['contracts.test.js'], { cwd: app });
    const passing = /(\d+) passing/.exec(stdout);
    expect(Number(passing?.[1])).to.be.greaterThan(25);
    expect(stdout).to.not.match(/^\s+\d+ (failing|pending)/m);
  });
});
