import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { devTokens, Tally, user, writeUntil } from '../support/load.js';
import { ServiceProcess } from '../support/service-process.js';
import { record } from './reliability-record.js';

const ROUNDS = 3;

/** The embedded default killed without warning while it writes: every write it acknowledged is there after a restart. */
describe('Reliability: the embedded database killed with SIGKILL under writes', function () {
  this.timeout(180_000);
  let dataDir: string;
  before(async () => { dataDir = await mkdtemp(join(tmpdir(), 'wt-crash-')); });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it(`keeps every acknowledged write across ${ROUNDS} kill -9 and restarts`, async () => {
    const acknowledged: string[] = [];
    const tally = new Tally();
    for (let round = 0; round < ROUNDS; round += 1) {
      // A restart after kill -9 finds the dead process's lock and socket, and takes both over.
      const service = await ServiceProcess.start({ DATA_DIR: dataDir });
      await service.until(() => service.ready(), 30_000);
      const stop = new AbortController();
      const load = writeUntil(service.base, 4, stop.signal, tally, (id) => acknowledged.push(id));
      const before = acknowledged.length;
      await service.until(async () => acknowledged.length >= before + 20 + round * 7, 30_000);
      // Writes still in flight are cut by the kill: that is the point. Nothing new starts after it.
      stop.abort();
      service.child.kill('SIGKILL');
      await service.exited;
      await load;
    }
    const check = await ServiceProcess.start({ DATA_DIR: dataDir });
    let lost = 0;
    try {
      await check.until(() => check.ready(), 30_000);
      const token = await devTokens.issue(user(9999), 600);
      for (const id of acknowledged) {
        const reply = await fetch(`${check.base}/api/v1/announcements/${id}`, { headers: { Authorization: `Bearer ${token}` } });
        if (reply.status !== 200) lost += 1;
      }
    } finally {
      await check.stop();
    }
    expect(tally.violations, tally.violations.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(lost, `${lost} of ${acknowledged.length} acknowledged screenings lost`).to.equal(0);
    record(`embedded database killed with SIGKILL ${ROUNDS}× under 4 writers`, {
      requests: tally.requests, 'acknowledged screenings': acknowledged.length, 'writes lost': lost,
      '5xx other than 503': tally.count((s) => s >= 500 && s !== 503),
    });
  });
});
