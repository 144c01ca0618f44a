import type { NotificationMessage } from '../../domain/index.js';

/** What became of one message handed to the notification service. */
export type DeliveryOutcome =
  | { readonly id: string; readonly delivered: true }
  /** `permanent`: the service refused this message for good (it will not take it on a retry either). */
  | { readonly id: string; readonly delivered: false; readonly error: string; readonly permanent: boolean };

/**
 * The platform's notification service (SPEC §7): over HTTP, over AMQP, or none (the inbox is
 * the delivery). At-least-once: a message may be handed over more than once, always with its id.
 */
export interface NotificationSender {
  /** For logs and metrics: `http`, `amqp`, `inbox`. */
  readonly name: string;
  /** One outcome per message, in any order; a message without one counts as failed and is retried. */
  deliver(batch: readonly NotificationMessage[]): Promise<DeliveryOutcome[]>;
  /** Lets go of connections, at shutdown. */
  close?(): Promise<void>;
}
