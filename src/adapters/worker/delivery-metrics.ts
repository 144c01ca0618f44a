import { Counter, Gauge, type Registry } from 'prom-client';
import type { DeliveryReport, OutboxDelivery } from '../../application/index.js';

/**
 * What /metrics tells of delivery: per sender, how many messages were delivered, retried and
 * parked; and, read from storage at each scrape (so every process agrees), the outbox's lag —
 * the age of the oldest notification not delivered yet — and the messages parked as dead.
 */
export class DeliveryMetrics {
  private readonly delivered: Counter<'sender'>;
  private readonly retried: Counter<'sender'>;
  private readonly dead: Counter<'sender'>;

  constructor(registry: Registry, private readonly sender: string, outbox: OutboxDelivery, now: () => Date) {
    const counter = (name: string, help: string) => new Counter({ name, help, labelNames: ['sender'] as const, registers: [registry] });
    this.delivered = counter('notifications_delivered_total', 'Notifications the notification service took');
    this.retried = counter('notifications_retried_total', 'Failed deliveries that will be tried again');
    this.dead = counter('notifications_dead_total', 'Notifications parked as dead by this process');
    let backlog: ReturnType<OutboxDelivery['backlog']> | null = null;
    // A scrape collects both gauges at once: they share the query in flight, and the next scrape asks afresh.
    const read = () => (backlog ??= outbox.backlog().finally(() => (backlog = null)));
    new Gauge({
      name: 'notifications_outbox_lag_seconds', help: 'Age of the oldest notification not delivered yet (0 when none waits)', registers: [registry],
      async collect() {
        const { oldestUndeliveredAt } = await read();
        this.set(oldestUndeliveredAt ? Math.max(0, (now().getTime() - oldestUndeliveredAt.getTime()) / 1000) : 0);
      },
    });
    new Gauge({
      name: 'notifications_parked_dead', help: 'Notifications parked as dead, in storage (all processes)', registers: [registry],
      async collect() {
        this.set((await read()).dead);
      },
    });
  }

  record(report: DeliveryReport): void {
    const labels = { sender: this.sender };
    this.delivered.inc(labels, report.delivered);
    this.retried.inc(labels, report.retried.length);
    this.dead.inc(labels, report.dead.length);
  }
}
