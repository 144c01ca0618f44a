import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { migrate } from '../../src/adapters/postgres/migrations.js';
import { ThrowawayCluster } from '../support/cluster.js';
import { callAs } from '../support/load.js';
import { ServiceProcess } from '../support/service-process.js';

/** The replica applies what the primary commits this much later: long enough that a read there cannot see a write just made. */
const APPLY_DELAY_MS = 4_000;

/**
 * Searches and detail reads on a real streaming replica (its own throw-away primary and a
 * pg_basebackup of it), held APPLY_DELAY_MS behind: a read without `WT-Read-After` shows the
 * replica's past; one sent with the position of the client's own write sees that write.
 */
describe('Reliability: reads on a streaming replica, read-your-writes', function () {
  this.timeout(120_000);
  let primary: ThrowawayCluster;
  let replica: ThrowawayCluster | undefined;
  let service: ServiceProcess;
  const host = randomUUID();
  const guest = randomUUID();
  const call = (method: string, path: string, userId: string, options?: { body?: unknown; after?: string | null }) =>
    callAs(service.base, method, path, userId, options);

  before(async () => {
    primary = await ThrowawayCluster.create();
    await migrate(primary.url);
    replica = await primary.replica({ applyDelayMs: APPLY_DELAY_MS });
    service = await ServiceProcess.start({ DATABASE_URL: primary.url, READ_DATABASE_URL: replica.url, READ_WAIT_MS: '50' });
    await service.until(() => service.ready(), 30_000);
  });
  after(async () => {
    await service?.stop();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('shows a client its own writes at once and others the replica, which catches up', async () => {
    const created = await call('POST', '/announcements', host, { body: {
      movieId: 'tt0133093', title: 'On the replica', capacity: 4, approval: 'auto',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), place: { city: 'Replicaburg', address: 'Standby 1' },
    } });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.after).to.match(/^[0-9A-F]+\/[0-9A-F]+$/);
    const id = String(created.body.id);

    // The replica does not have it yet: a read without the position is answered there.
    expect((await call('GET', `/announcements/${id}`, guest)).status).to.equal(404);
    expect((await call('GET', '/announcements?city=Replicaburg', host)).body.items).to.deep.equal([]);
    // With the position, the host sees what it wrote: in the detail and in a search.
    expect((await call('GET', `/announcements/${id}`, host, { after: created.after })).status).to.equal(200);
    const found = (await call('GET', '/announcements?city=Replicaburg', host, { after: created.after })).body.items as Array<{ id: string }>;
    expect(found.map((a) => a.id)).to.deep.equal([id]);

    // A guest's booking, then the guest's own next read.
    const booked = await call('POST', `/announcements/${id}/bookings`, guest, { body: { seats: 1 }, after: created.after });
    expect(booked.status, JSON.stringify(booked.body)).to.equal(201);
    const mine = await call('GET', `/announcements/${id}`, guest, { after: booked.after });
    expect((mine.body.myBooking as { id: string } | null)?.id).to.equal(booked.body.id);

    // The replica catches up within its delay, and then answers without the position too.
    let waitedMs = 0;
    while ((await call('GET', `/announcements/${id}`, guest)).status !== 200) {
      expect(waitedMs, 'the replica never caught up').to.be.below(APPLY_DELAY_MS * 3);
      await sleep(100);
      waitedMs += 100;
    }
  });

  it('reads on the primary while the replica is down', async () => {
    await replica!.stop();
    const created = await call('POST', '/announcements', host, { body: {
      movieId: 'tt0133093', title: 'Replica away', capacity: 2, approval: 'auto',
      startsAt: new Date(Date.now() + 4 * 86_400_000).toISOString(), place: { city: 'Replicaburg', address: 'Standby 2' },
    } });
    expect(created.status).to.equal(201);
    expect((await call('GET', `/announcements/${String(created.body.id)}`, guest)).status).to.equal(200);
    expect((await call('GET', `/announcements/${String(created.body.id)}`, guest, { after: created.after })).status).to.equal(200);
  });
});
