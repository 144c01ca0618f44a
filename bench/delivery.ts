import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ok } from 'neverthrow';
import { AmqpNotificationSender } from '../src/adapters/notifications/amqp-notification-sender.js';
import { HttpNotificationSender } from '../src/adapters/notifications/http-notification-sender.js';
import { DeliverNotifications, type NotificationSender } from '../src/application/index.js';
import type { Notification } from '../src/domain/index.js';
import { createLogger } from '../src/main.js';
import { postgresStorage } from '../src/storage/postgres.storage.js';
import { createServerDatabase } from '../test/support/databases.js';
import { TestVhost } from '../test/support/rabbit.js';

export type DeliveryRow = { run: string; messages: number; 'per second': number; 'ratio to inserting': number | string };

const BATCH = 50;

const notes = (count: number, run: string): Notification[] => Array.from({ length: count }, (_, i) => ({
  id: crypto.randomUUID(), type: 'booking.status_changed', recipientId: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a01',
  announcementId: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a02', bookingId: '0f8e4c1a-6b2d-4c5e-9a71-3d2b8e6f1a03',
  link: 'http://localhost:8080/s/abcdefghijkl', title: `Booking accepted: “${run} ${i}”`, body: 'The request of Gus Guest for 2 seats is now accepted.',
  createdAt: new Date(Date.now() - 60_000),
}));

/**
 * The dispatcher's sustained delivery rate on PostgreSQL (its own database), as a ratio to the
 * rate of inserting the same rows through the outbox in batches of the same size: to an
 * in-process HTTP stand-in answering 202 at once (8 requests in flight, the sender's default),
 * and to the machine's RabbitMQ with publisher confirms.
 */
export const measureDelivery = async (count = 20_000): Promise<DeliveryRow[]> => {
  const database = await createServerDatabase();
  const storage = postgresStorage({ databaseUrl: database.url, poolMax: 4 });
  const stand = createServer((request, response) => { request.resume(); request.on('end', () => response.writeHead(202).end()); });
  await new Promise<void>((r) => stand.listen(0, '127.0.0.1', r));
  const vhost = await TestVhost.create();
  const amqp = new AmqpNotificationSender(vhost.url, createLogger({ logLevel: 'silent' }), 5000);
  try {
    const insert = async (run: string): Promise<number> => {
      const all = notes(count, run);
      const started = performance.now();
      for (let i = 0; i < all.length; i += BATCH) await storage.uow.transaction(async (s) => ok(await s.outbox.append(all.slice(i, i + BATCH))));
      return count / ((performance.now() - started) / 1000);
    };
    const drain = async (sender: NotificationSender): Promise<number> => {
      const dispatcher = new DeliverNotifications(storage.outboxDelivery, sender, { now: () => new Date() }, { next: () => 0.5 },
        { retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 }, batchSize: BATCH, leaseMs: 60_000 });
      const started = performance.now();
      let delivered = 0;
      for (let report = await dispatcher.execute(); report.claimed > 0; report = await dispatcher.execute()) delivered += report.delivered;
      if (delivered !== count) throw new Error(`delivered ${delivered} of ${count}`);
      return count / ((performance.now() - started) / 1000);
    };
    const rows: DeliveryRow[] = [];
    for (const [name, sender] of [
      ['HTTP stand-in (in-process, 202 at once)', new HttpNotificationSender(`http://127.0.0.1:${(stand.address() as AddressInfo).port}`, { timeoutMs: 5000, concurrency: 8 })],
      ['RabbitMQ (persistent, publisher confirms)', amqp],
    ] as const) {
      const inserting = await insert(name);
      const delivering = await drain(sender);
      rows.push({ run: `baseline: inserting through the outbox, batches of ${BATCH}`, messages: count, 'per second': Math.round(inserting), 'ratio to inserting': 1 });
      rows.push({ run: `dispatcher → ${name}`, messages: count, 'per second': Math.round(delivering), 'ratio to inserting': Math.round((delivering / inserting) * 100) / 100 });
    }
    return rows;
  } finally {
    await amqp.close();
    await vhost.delete();
    stand.close();
    await storage.close();
    await database.drop();
  }
};
