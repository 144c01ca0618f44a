import type { NotificationMessage } from '../../domain/index.js';
import type { DeliveryOutcome, NotificationSender } from '../../application/index.js';

/** No notification service configured: the recipient's inbox is the delivery (SPEC §7's embedded default). */
export class InboxSender implements NotificationSender {
  readonly name = 'inbox';

  async deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]> {
    return batch.map((m) => ({ id: m.id, delivered: true }));
  }
}
