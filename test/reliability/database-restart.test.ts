import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ThrowawayCluster } from '../support/cluster.js';
import { devTokens, Tally, user, writeUntil } from '../support/load.js';
import { ServiceProcess } from '../support/service-process.js';
import { record } from './reliability-record.js';

const RECOVERY_MS = 5_000;

/** The service against a PostgreSQL server that goes away and comes back (its own throw-away cluster). */
describe('Reliability: PostgreSQL stopped and restarted under the service', function () {
  this.timeout(120_000);
  let cluster: ThrowawayCluster;
  let service: ServiceProcess | undefined;
  before(async () => { cluster = await ThrowawayCluster.create(); });
  afterEach(async () => { await service?.stop(); service = undefined; });
  after(() => cluster.destroy());

  it('starts while the database is down, answers 503 meanwhile, and is ready within 5 s of it coming up', async () => {
    await cluster.stop();
    service = await ServiceProcess.start({ DATABASE_URL: cluster.url, MIGRATE_AT_START: 'true' });
    await sleep(1_500);
    expect(service.alive, service.log).to.equal(true);
    expect(await (await fetch(`${service.base}/healthz`)).json()).to.deep.equal({ status: 'starting' });
    expect((await fetch(`${service.base}/readyz`)).status).to.equal(503);
    const api = await fetch(`${service.base}/api/v1/bookings`, { headers: { Authorization: `Bearer ${await devTokens.issue(user(1), 60)}` } });
    expect([api.status, api.headers.get('retry-after'), api.headers.get('content-type')]).to.deep.equal([503, '2', 'application/problem+json']);
    await cluster.start();
    const tookMs = await service.until(() => service!.ready(), RECOVERY_MS);
    record('start-up, database down then up', { 'ready after the database (ms)': tookMs });
  });

  it('survives restarts and a stop under 16 writers: only 503s meanwhile, back within 5 s each time', async () => {
    service = await ServiceProcess.start({ DATABASE_URL: cluster.url, DATABASE_POOL_MAX: '8', MIGRATE_AT_START: 'true' });
    await service.until(() => service!.ready(), 30_000);
    const tally = new Tally();
    const stop = new AbortController();
    const load = writeUntil(service.base, 16, stop.signal, tally);
    const recoveries: number[] = [];
    const succeeded = () => tally.count((s) => s === 201);
    const recovered = async (): Promise<void> => {
      const before = succeeded();
      recoveries.push(await service!.until(async () => succeeded() > before + 16, RECOVERY_MS));
    };
    try {
      await sleep(800);
      for (let round = 0; round < 3; round += 1) {
        await cluster.restart();
        await recovered();
        await sleep(300);
      }
      await cluster.stop();
      await sleep(1_000);
      expect(service.alive, service.log).to.equal(true);
      expect((await fetch(`${service.base}/readyz`)).status).to.equal(503);
      await cluster.start();
      await recovered();
    } finally {
      stop.abort();
      await load;
    }
    expect(service.alive, service.log).to.equal(true);
    expect(tally.violations, tally.violations.slice(0, 5).join('\n')).to.deep.equal([]);
    expect(tally.count((s) => s === 201)).to.be.greaterThan(100);
    record('PostgreSQL restarted 3× and stopped under 16 writers', {
      requests: tally.requests, statuses: tally.summary(), '5xx other than 503': tally.count((s) => s >= 500 && s !== 503),
      crashes: service.alive ? 0 : 1, 'slowest recovery (ms)': Math.max(...recoveries),
    });
  });
});
