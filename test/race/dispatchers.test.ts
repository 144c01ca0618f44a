import { expect } from 'chai';
import { ok } from 'neverthrow';
import { DeliverNotifications, type DeliveryOutcome, type NotificationSender } from '../../src/application/index.js';
import type { Notification, NotificationMessage } from '../../src/domain/index.js';
import { backends, type TestStorage } from '../contract/backends.js';
import { at, TestClock, USERS } from '../support/fixtures.js';

/** A notification service shared by several dispatchers, noticing if a message is ever in two hands at once. */
class SharedService implements NotificationSender {
  readonly name = 'shared';
  readonly deliveries = new Map<string, number>();
  readonly overlaps: string[] = [];
  private readonly inFlight = new Set<string>();
  constructor(private readonly failureRate: number) {}

  async deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]> {
    for (const m of batch) {
      if (this.inFlight.has(m.id)) this.overlaps.push(m.id);
      this.inFlight.add(m.id);
    }
    await new Promise((r) => setTimeout(r, 3));
    return batch.map((m) => {
      this.inFlight.delete(m.id);
      if (Math.random() < this.failureRate) return { id: m.id, delivered: false, error: 'HTTP 503', permanent: false };
      this.deliveries.set(m.id, (this.deliveries.get(m.id) ?? 0) + 1);
      return { id: m.id, delivered: true };
    });
  }
}

const COUNT = 300;

for (const backend of backends().filter((b) => b.name !== 'memory')) {
  describe(`Three dispatchers racing on one database, on ${backend.name}`, function () {
    this.timeout(120_000);
    let storage: TestStorage;
    beforeEach(async () => { storage = await backend.open(); });

    const write = async (): Promise<string[]> => {
      const notes: Notification[] = Array.from({ length: COUNT }, (_, i) => ({
        id: `b0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'booking.created', recipientId: USERS.host,
        announcementId: USERS.other, bookingId: USERS.guest, link: 'http://wt.test/s/x', title: `T${i}`, body: 'B', createdAt: at(i),
      }));
      await storage.uow.transaction(async (s) => ok(await s.outbox.append(notes)));
      return notes.map((n) => n.id);
    };
    /** Three dispatchers, each running until a round finds nothing due. */
    const race = async (service: SharedService): Promise<void> => {
      const clock = new TestClock(at(COUNT + 1));
      const settings = { retry: { maxAttempts: 50, baseDelayMs: 1, maxDelayMs: 1 }, batchSize: 7, leaseMs: 60_000 };
      const dispatchers = [1, 2, 3].map(() => new DeliverNotifications(storage.outboxDelivery, service, clock, { next: () => 0 }, settings));
      await Promise.all(dispatchers.map(async (d) => {
        for (let idle = 0; idle < 3;) {
          const report = await d.execute();
          idle = report.claimed === 0 ? idle + 1 : 0;
          clock.advance(1);
        }
      }));
    };

    it(`never hands a message to two dispatchers at once, and delivers all ${COUNT} exactly once`, async () => {
      const ids = await write();
      const service = new SharedService(0);
      await race(service);
      expect(service.overlaps).to.deep.equal([]);
      expect([...service.deliveries.keys()].sort()).to.deep.equal(ids);
      expect([...service.deliveries.values()].every((n) => n === 1)).to.equal(true);
      expect(await storage.outboxDelivery.backlog()).to.deep.equal({ oldestUndeliveredAt: null, dead: 0 });
    });

    it('loses none when a third of the deliveries fail and are retried', async () => {
      const ids = await write();
      const service = new SharedService(1 / 3);
      await race(service);
      expect(service.overlaps).to.deep.equal([]);
      expect([...service.deliveries.keys()].sort()).to.deep.equal(ids);
    });
  });
}
