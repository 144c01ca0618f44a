import { expect } from 'chai';
import { DeliverNotifications, type DeliverySettings, type NotificationSender } from '../../src/application/index.js';
import { resolve, TOKENS } from '../../src/container.js';
import { toMessage } from '../../src/domain/index.js';
import { backends } from '../contract/backends.js';
import { Core } from '../support/core.js';
import { at, USERS } from '../support/fixtures.js';
import { failingFirst, StandInSender } from '../support/stand-in-sender.js';

const SETTINGS: DeliverySettings = { retry: { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 }, batchSize: 50, leaseMs: 30_000 };
const HALF = { next: () => 0.5 };

/** The dispatcher (RULES §4, §7) through the real outbox of each backend, with a notification service in the test's hands. */
for (const backend of backends()) {
  describe(`The dispatcher on ${backend.name}`, () => {
    let core: Core;
    beforeEach(async () => { core = await Core.start(backend); });
    afterEach(() => core.stop());

    const dispatcher = (sender: NotificationSender, settings = SETTINGS) =>
      new DeliverNotifications(core.service.storage.outboxDelivery, sender, core.clock, HALF, settings);
    /** A booking flow: request, acceptance — three notifications (host: created, host and guest: decided). */
    const flow = async () => {
      const a = await core.announce();
      await core.accept((await core.book(a.id, USERS.guest)).id);
      return [...(await core.inbox(USERS.host)), ...(await core.inbox(USERS.guest))];
    };

    it('hands every notification of a booking flow to the service once, as the message the inbox shows', async () => {
      const inbox = await flow();
      const sender = new StandInSender();
      const report = await dispatcher(sender).execute();
      expect([report.claimed, report.delivered, report.retried, report.dead]).to.deep.equal([3, 3, [], []]);
      expect(sender.received.map((m) => m.id).sort()).to.deep.equal(inbox.map((n) => n.id).sort());
      expect(sender.received.find((m) => m.id === inbox[0]!.id)).to.deep.equal(toMessage(inbox[0]!));
      expect((await dispatcher(sender).execute()).claimed).to.equal(0);
      expect(await core.service.storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
    });

    it('retries a failure later, with backoff and jitter, and delivers it then', async () => {
      await flow();
      const sender = new StandInSender(failingFirst(2));
      const first = await dispatcher(sender).execute();
      expect(first.retried.map((r) => [r.attempt, r.error, r.retryAt.getTime() - core.clock.now().getTime()])).to.deep.equal(
        Array(3).fill([1, 'HTTP 503 (attempt 1)', 750]));
      core.clock.advance(749);
      expect((await dispatcher(sender).execute()).claimed, 'not before its time').to.equal(0);
      core.clock.advance(1);
      const second = await dispatcher(sender).execute();
      expect(second.retried.map((r) => [r.attempt, r.retryAt.getTime() - core.clock.now().getTime()])).to.deep.equal(Array(3).fill([2, 1500]));
      core.clock.advance(1500);
      expect((await dispatcher(sender).execute()).delivered).to.equal(3);
      expect(sender.received).to.have.length(3);
      const backlog = await core.service.storage.outboxDelivery.backlog();
      expect(backlog).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
    });

    it('parks a message as dead after its last attempt, and at once when the service refuses it for good', async () => {
      await flow();
      const refused = new Set<string>();
      const sender = new StandInSender((m, attempt) => {
        if (m.type === 'booking.created') return { id: m.id, delivered: false, error: 'HTTP 400', permanent: true };
        refused.add(m.id);
        return { id: m.id, delivered: false, error: `HTTP 500 #${attempt}`, permanent: false };
      });
      const first = await dispatcher(sender).execute();
      expect(first.dead.map((d) => [d.attempt, d.error])).to.deep.equal([[1, 'HTTP 400']]);
      for (let i = 0; i < 2; i += 1) {
        core.clock.advance(60_000);
        await dispatcher(sender).execute();
      }
      core.clock.advance(60_000);
      expect((await dispatcher(sender).execute()).claimed, 'nothing left to try').to.equal(0);
      const backlog = await core.service.storage.outboxDelivery.backlog();
      expect(backlog).to.deep.equal({ oldestUndeliveredAt: null, dead: 3 });
      expect([...refused].map((id) => sender.attemptsOf(id))).to.deep.equal([3, 3]);
      // Parked, never silently dropped: still in the inboxes.
      expect((await core.inbox(USERS.host))).to.have.length(2);
    });

    it('counts a sender that throws as a failed batch, to be tried again', async () => {
      await flow();
      const report = await dispatcher(new StandInSender(() => 'throw')).execute();
      expect(report.retried.map((r) => r.error)).to.deep.equal(Array(3).fill('connection reset by the stand-in'));
      expect(report.delivered).to.equal(0);
    });

    it('counts a message the service gave no answer for as failed, not delivered', async () => {
      await flow();
      const silent: NotificationSender = { name: 'silent', deliver: async () => [] };
      const report = await dispatcher(silent).execute();
      expect(report.retried.map((r) => r.error)).to.deep.equal(Array(3).fill('no answer for this message'));
    });

    it('takes one batch at a time', async () => {
      await flow();
      const report = await dispatcher(new StandInSender(), { ...SETTINGS, batchSize: 2 }).execute();
      expect(report.claimed).to.equal(2);
    });

    it('without a notification service, lets the inbox be the delivery: nothing piles up', async () => {
      await flow();
      const report = await resolve(core.service.container, TOKENS.deliverNotifications).execute();
      expect([report.delivered, resolve(core.service.container, TOKENS.sender).name]).to.deep.equal([3, 'inbox']);
      expect(await core.service.storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
      expect(core.clock.now()).to.deep.equal(at(0));
    });
  });
}
