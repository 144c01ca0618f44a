import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ok } from 'neverthrow';
import pg from 'pg';
import type { Notification } from '../../src/domain/index.js';
import { postgresStorage } from '../../src/storage/postgres.storage.js';
import { createServerDatabase, type TestDatabase } from '../support/databases.js';
import { at, USERS } from '../support/fixtures.js';
import { ServiceProcess } from '../support/service-process.js';
import { StandInNotifyServer } from '../support/stand-in-notify-server.js';
import { record } from './reliability-record.js';

const COUNT = 120;

/** The worker role as its own process on PostgreSQL, delivering to a slow notification service, stopped rudely and politely. */
describe('Reliability: a worker process stopped while it delivers', function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let service: StandInNotifyServer;
  let workers: ServiceProcess[] = [];
  beforeEach(async () => {
    database = await createServerDatabase();
    service = await StandInNotifyServer.start(async () => { await sleep(40); return 202; });
    const storage = postgresStorage({ databaseUrl: database.url, poolMax: 2 });
    const notes: Notification[] = Array.from({ length: COUNT }, (_, i) => ({
      id: `c0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'booking.created', recipientId: USERS.host,
      announcementId: USERS.other, link: 'http://wt.test/s/x', title: `T${i}`, body: 'B', createdAt: new Date(Date.now() - 60_000 + i),
    }));
    await storage.uow.transaction(async (s) => ok(await s.outbox.append(notes)));
    await storage.close();
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    workers = [];
    await service.stop();
    await database.drop();
  });

  const worker = async (): Promise<ServiceProcess> => {
    const started = await ServiceProcess.start({
      DATABASE_URL: database.url, ROLE: 'worker', NOTIFY_URL: service.url, JWT_SECRET: 'worker-test-secret-worker-test-secret-0',
      DELIVERY_BATCH_SIZE: '16', DELIVERY_TIMEOUT_MS: '500', DISPATCH_INTERVAL_MS: '50', REMINDER_INTERVAL_MS: '1000',
    });
    workers.push(started);
    return started;
  };
  const delivered = () => new Set(service.received.map((r) => String(r.body.id)));
  const rows = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try { return (await client.query(sql)).rows; } finally { await client.end(); }
  };

  it('killed with SIGKILL mid-batch, loses nothing: another worker delivers the rest, duplicates keep their id', async () => {
    const first = await worker();
    await first.until(async () => delivered().size >= 20, 20_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const before = delivered().size;
    expect(before).to.be.below(COUNT);
    const second = await worker();
    // What the dead worker sent but did not record is due again when its lease ends, and handed over again.
    await second.until(async () => (await rows('SELECT count(*)::int AS n FROM notifications WHERE delivered_at IS NULL'))[0].n === 0, 30_000);
    expect(delivered().size).to.equal(COUNT);
    expect(service.received.every((r) => r.idempotencyKey === r.body.id)).to.equal(true);
    record('worker killed with SIGKILL mid-delivery', {
      messages: COUNT, 'delivered before the kill': before, 'handed over twice (same id)': service.received.length - COUNT, lost: 0,
    });
  });

  it('stopped with SIGTERM mid-batch, finishes and records what it holds, and exits cleanly', async () => {
    const first = await worker();
    await first.until(async () => delivered().size >= 10, 20_000);
    first.child.kill('SIGTERM');
    expect((await first.exited).code).to.equal(0);
    // Nothing is left leased: every row it took is recorded as delivered; the rest were never taken.
    const leased = await rows('SELECT count(*)::int AS n FROM notifications WHERE delivered_at IS NULL AND attempts > 0');
    expect(leased[0].n).to.equal(0);
    const recorded = (await rows('SELECT count(*)::int AS n FROM notifications WHERE delivered_at IS NOT NULL'))[0].n as number;
    expect(recorded).to.equal(delivered().size);
  });

  it('serves its health, readiness and delivery metrics, and no API', async () => {
    const running = await worker();
    // The service has every message a moment before the worker has recorded (and counted) the last batch.
    const counted = new RegExp(`notifications_delivered_total\\{sender="http"\\} ${COUNT}\n`);
    let metrics = '';
    await running.until(async () => counted.test(metrics = await (await fetch(`${running.base}/metrics`)).text()), 30_000);
    expect(delivered().size).to.equal(COUNT);
    expect(metrics).to.match(/notifications_outbox_lag_seconds 0\n/);
    expect(metrics).to.match(/notifications_parked_dead 0\n/);
    expect((await fetch(`${running.base}/readyz`)).status).to.equal(200);
    expect((await fetch(`${running.base}/api/v1/announcements`)).status).to.equal(404);
    expect(at(0)).to.be.instanceOf(Date);
  });
});
