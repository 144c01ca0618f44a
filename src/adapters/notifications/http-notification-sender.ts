import type { NotificationMessage } from '../../domain/index.js';
import type { DeliveryOutcome, NotificationSender } from '../../application/index.js';

/** Worth trying again: the service timed out, asked to slow down, or failed on its side. */
const retryable = (status: number): boolean => status === 408 || status === 425 || status === 429 || status >= 500;

export type HttpSenderOptions = { readonly timeoutMs: number; readonly concurrency: number };

/**
 * SPEC §7: `POST {NOTIFY_URL}/notifications` with the message as JSON and `Idempotency-Key`
 * set to its id, so the service can drop the duplicates at-least-once delivery may bring.
 * 2xx is delivered; 408, 425, 429, 5xx, a timeout or a network failure is tried again; any
 * other 4xx is the service refusing this message for good.
 */
export class HttpNotificationSender implements NotificationSender {
  readonly name = 'http';
  private readonly endpoint: string;

  constructor(notifyUrl: string, private readonly options: HttpSenderOptions) {
    this.endpoint = `${notifyUrl.replace(/\/+$/, '')}/notifications`;
  }

  async deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]> {
    const outcomes: DeliveryOutcome[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < batch.length; i = next++) outcomes.push(await this.post(batch[i]!));
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, batch.length) }, worker));
    return outcomes;
  }

  private async post(message: NotificationMessage): Promise<DeliveryOutcome> {
    try {
      const response = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': message.id },
        body: JSON.stringify(message),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel();
      if (response.ok) return { id: message.id, delivered: true };
      return { id: message.id, delivered: false, error: `HTTP ${response.status}`, permanent: !retryable(response.status) };
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
      return { id: message.id, delivered: false, error: reason, permanent: false };
    }
  }
}
