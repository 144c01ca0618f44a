import type { DeliveryOutcome, NotificationSender } from '../../src/application/index.js';
import type { NotificationMessage } from '../../src/domain/index.js';

/** A notification service in the test's hands: records what it is given, fails what it is told to. */
export class StandInSender implements NotificationSender {
  readonly name = 'stand-in';
  readonly received: NotificationMessage[] = [];
  private readonly attempts = new Map<string, number>();

  /** `answer(message, attempt)`: what the service says to this message's attempt-th delivery. */
  constructor(private readonly answer: (message: NotificationMessage, attempt: number) => DeliveryOutcome | 'throw' = (m) => ({ id: m.id, delivered: true })) {}

  async deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    for (const message of batch) {
      const attempt = (this.attempts.get(message.id) ?? 0) + 1;
      this.attempts.set(message.id, attempt);
      const outcome = this.answer(message, attempt);
      if (outcome === 'throw') throw new Error('connection reset by the stand-in');
      if (outcome.delivered) this.received.push(message);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  attemptsOf(id: string): number {
    return this.attempts.get(id) ?? 0;
  }
}

/** Fails the first `failures` attempts of every message (retryably), then takes it. */
export const failingFirst = (failures: number) => (m: NotificationMessage, attempt: number): DeliveryOutcome =>
  attempt <= failures ? { id: m.id, delivered: false, error: `HTTP 503 (attempt ${attempt})`, permanent: false } : { id: m.id, delivered: true };
