import { isLastAttempt, retryDelayMs, toMessage, type RetryPolicy } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { DeliveryOutcome, NotificationSender } from '../ports/notification-sender.port.js';
import type { OutboxDelivery } from '../ports/outbox-delivery.port.js';
import type { RandomSource } from '../ports/random.port.js';

export type DeliverySettings = {
  readonly retry: RetryPolicy;
  readonly batchSize: number;
  /** Longer than a batch may take to send: a dispatcher that died lets go of its batch after this. */
  readonly leaseMs: number;
};

export type DeliveryReport = {
  readonly claimed: number;
  readonly delivered: number;
  readonly retried: ReadonlyArray<{ readonly id: string; readonly attempt: number; readonly error: string; readonly retryAt: Date }>;
  readonly dead: ReadonlyArray<{ readonly id: string; readonly attempt: number; readonly error: string }>;
};

/**
 * The dispatcher (SPEC §4, §7): takes a batch of due notifications from the outbox, hands them
 * to the notification service, and records what became of each — delivered; retried later
 * with backoff and jitter; or parked as dead after the last attempt or a refusal for good.
 * Several dispatchers may run at once: the outbox leases each batch to one of them.
 */
export class DeliverNotifications {
  constructor(
    private readonly outbox: OutboxDelivery,
    private readonly sender: NotificationSender,
    private readonly clock: Clock,
    private readonly random: RandomSource,
    private readonly settings: DeliverySettings,
  ) {}

  async execute(): Promise<DeliveryReport> {
    const batch = await this.outbox.claimDue(this.clock.now(), this.settings.batchSize, this.settings.leaseMs);
    if (batch.length === 0) return { claimed: 0, delivered: 0, retried: [], dead: [] };
    const outcomes = new Map((await this.handOver(batch.map((c) => c.notification.id), () => this.sender.deliver(batch.map((c) => toMessage(c.notification)))))
      .map((o) => [o.id, o]));
    const now = this.clock.now();
    const delivered = batch.filter((c) => outcomes.get(c.notification.id)?.delivered === true).map((c) => c.notification.id);
    await this.outbox.markDelivered(delivered, now);
    const retried: Array<DeliveryReport['retried'][number]> = [];
    const dead: Array<DeliveryReport['dead'][number]> = [];
    for (const { notification: { id }, attempt } of batch) {
      const outcome = outcomes.get(id) ?? { id, delivered: false, error: 'no answer for this message', permanent: false };
      if (outcome.delivered) continue;
      if (outcome.permanent || isLastAttempt(attempt, this.settings.retry)) {
        await this.outbox.park(id, outcome.error, now);
        dead.push({ id, attempt, error: outcome.error });
      } else {
        const retryAt = new Date(now.getTime() + retryDelayMs(attempt, this.random.next(), this.settings.retry));
        await this.outbox.retryLater(id, outcome.error, retryAt);
        retried.push({ id, attempt, error: outcome.error, retryAt });
      }
    }
    return { claimed: batch.length, delivered: delivered.length, retried, dead };
  }

  /** A sender that throws (a bug, a dropped connection) failed the whole batch, for a retry. */
  private async handOver(ids: readonly string[], send: () => Promise<DeliveryOutcome[]>): Promise<DeliveryOutcome[]> {
    try {
      return await send();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return ids.map((id) => ({ id, delivered: false, error: message, permanent: false }));
    }
  }
}
