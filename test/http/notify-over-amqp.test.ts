import { expect } from 'chai';
import type { ChannelModel, ConsumeMessage } from 'amqplib';
import { AmqpNotificationSender, NOTIFICATIONS_EXCHANGE } from '../../src/adapters/notifications/amqp-notification-sender.js';
import { DeliverNotifications } from '../../src/application/index.js';
import type { NotificationMessage } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { Core, someone } from '../support/core.js';
import { at, USERS } from '../support/fixtures.js';
import { createLogger } from '../../src/main.js';
import { TestVhost } from '../support/rabbit.js';
import { TestApi } from '../support/http.js';

const silent = createLogger({ logLevel: 'silent' });

/** A queue of the test's own bound to the exchange (every routing key), collecting what arrives. */
const listen = async (connection: ChannelModel): Promise<ConsumeMessage[]> => {
  const channel = await connection.createChannel();
  await channel.assertExchange(NOTIFICATIONS_EXCHANGE, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, NOTIFICATIONS_EXCHANGE, '#');
  const arrived: ConsumeMessage[] = [];
  await channel.consume(queue, (m) => { if (m) arrived.push(m); }, { noAck: true });
  return arrived;
};
const settle = async (arrived: readonly unknown[], count: number) => {
  for (let waited = 0; arrived.length < count && waited < 5000; waited += 20) await new Promise((r) => setTimeout(r, 20));
};

describe('Notifications over AMQP (the machine’s RabbitMQ)', function () {
  this.timeout(60_000);
  let vhost: TestVhost;
  let listener: ChannelModel;
  let sender: AmqpNotificationSender;
  before(async () => { vhost = await TestVhost.create(); });
  after(() => vhost.delete());
  beforeEach(async () => {
    listener = await vhost.connect();
    sender = new AmqpNotificationSender(vhost.url, silent, 5000);
  });
  afterEach(async () => {
    await sender.close();
    await listener.close().catch(() => undefined);
  });

  const message = (n: number, type: NotificationMessage['type'] = 'booking.created'): NotificationMessage => ({
    id: someone(n).replace(/^2/, 'a'), type, recipientId: USERS.host, announcementId: USERS.other, link: 'http://wt.test/s/x',
    title: `T${n}`, body: 'B', createdAt: at(n * 1000),
  });

  it('publishes to the durable topic exchange, routed by type, persistent, with the id as messageId, confirmed by the broker', async () => {
    const arrived = await listen(listener);
    const outcomes = await sender.deliver([message(1), message(2, 'announcement.reminder_1h')]);
    expect(outcomes).to.deep.equal([{ id: message(1).id, delivered: true }, { id: message(2).id, delivered: true }]);
    await settle(arrived, 2);
    expect(arrived.map((m) => [m.fields.exchange, m.fields.routingKey, m.properties.messageId, m.properties.deliveryMode, m.properties.contentType]))
      .to.deep.equal([
        [NOTIFICATIONS_EXCHANGE, 'booking.created', message(1).id, 2, 'application/json'],
        [NOTIFICATIONS_EXCHANGE, 'announcement.reminder_1h', message(2).id, 2, 'application/json'],
      ]);
    expect(JSON.parse(arrived[0]!.content.toString())).to.deep.equal({ ...message(1), createdAt: at(1000).toISOString() });
    const channel = await listener.createChannel();
    expect(await channel.checkExchange(NOTIFICATIONS_EXCHANGE)).to.be.an('object');
  });

  it('connects again after the broker drops the connection; the batch in flight fails and nothing is lost', async () => {
    const arrived = await listen(listener);
    expect((await sender.deliver([message(3)]))[0]!.delivered).to.equal(true);
    await vhost.dropConnections();
    listener = await vhost.connect();
    const again = await listen(listener);
    let outcomes = await sender.deliver([message(4)]).catch(() => []);
    for (let tries = 0; !outcomes.every((o) => o.delivered) || outcomes.length === 0; tries += 1) {
      expect(tries, 'it reconnects within a few tries').to.be.below(10);
      await new Promise((r) => setTimeout(r, 100));
      outcomes = await sender.deliver([message(4)]).catch(() => []);
    }
    await settle(again, 1);
    expect(again.map((m) => m.properties.messageId)).to.include(message(4).id);
    expect(arrived.map((m) => m.properties.messageId)).to.include(message(3).id);
  });

  for (const backend of backends().filter((b) => b.name !== 'memory')) {
    it(`delivers a booking flow's every notification through a dropped connection, by the dispatcher, on ${backend.name}`, async () => {
      // A durable queue of the test's own: it outlives the dropped connections and keeps what arrives.
      const queue = `collected-${backend.name}`;
      const setup = await listener.createChannel();
      await setup.assertExchange(NOTIFICATIONS_EXCHANGE, 'topic', { durable: true });
      await setup.assertQueue(queue, { durable: true });
      await setup.bindQueue(queue, NOTIFICATIONS_EXCHANGE, '#');
      const core = await Core.start(backend);
      try {
        const a = await core.announce();
        const guests = [0, 1, 2, 3].map(someone);
        for (const g of guests) await core.accept((await core.book(a.id, g)).id);
        const written = (await Promise.all([USERS.host, ...guests].map((u) => core.inbox(u)))).flat().map((n) => n.id);
        expect(written).to.have.length(12);
        const dispatcher = new DeliverNotifications(core.service.storage.outboxDelivery, sender, core.clock, { next: () => 0 },
          { retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1000 }, batchSize: 3, leaseMs: 30_000 });
        await dispatcher.execute();
        await vhost.dropConnections();
        for (let round = 0; round < 30 && (await core.service.storage.outboxDelivery.backlog()).oldestUndeliveredAt; round += 1) {
          await dispatcher.execute();
          core.clock.advance(1000);
        }
        expect(await core.service.storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
        const reader = await (listener = await vhost.connect()).createChannel();
        const got: string[] = [];
        for (let m = await reader.get(queue, { noAck: true }); m; m = await reader.get(queue, { noAck: true })) got.push(m.properties.messageId as string);
        // At least once: every message is there; a duplicate, if any, carries the same id.
        expect([...new Set(got)].sort()).to.deep.equal([...written].sort());
      } finally {
        await core.stop();
      }
    });
  }
});

describe('Readiness with a broker', function () {
  this.timeout(30_000);
  let vhost: TestVhost;
  before(async () => { vhost = await TestVhost.create(); });
  after(() => vhost.delete());

  const readyz = async (amqpUrl: string, role: 'all' | 'api' = 'all') => {
    const api = await TestApi.start(backends()[0]!, { amqpUrl, role });
    try {
      const reply = await api.get('/readyz');
      return { status: reply.status, checks: reply.body.checks as Record<string, string> };
    } finally {
      await api.stop();
    }
  };

  it('is ready when the broker takes the worker’s connection, and says each dependency', async () => {
    expect(await readyz(vhost.url)).to.deep.equal({ status: 200, checks: { database: 'ok', broker: 'ok' } });
  });

  it('is not ready when the broker refuses the credentials, and says so; an API process, which sends nothing, is', async () => {
    const wrong = new URL(vhost.url);
    wrong.username = 'nobody';
    wrong.password = 'wrong';
    const refused = await readyz(wrong.toString());
    expect(refused.status).to.equal(503);
    expect(refused.checks.database).to.equal('ok');
    expect(refused.checks.broker).to.match(/ACCESS_REFUSED/);
    expect((await readyz(wrong.toString(), 'api')).status).to.equal(200);
  });
});
