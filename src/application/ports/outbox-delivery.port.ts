import type { Notification } from '../../domain/index.js';

export type ClaimedNotification = {
  readonly notification: Notification;
  /** Attempts so far, this one included. */
  readonly attempt: number;
};

/** The dispatcher's side of the outbox (the use cases write it, recipients read it as their inbox). */
export interface OutboxDelivery {
  /**
   * Takes up to `limit` notifications due for delivery and leases them for `leaseMs`: no other
   * dispatcher takes them meanwhile; if this one dies, they are due again when the lease ends.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedNotification[]>;
  markDelivered(ids: readonly string[], at: Date): Promise<void>;
  retryLater(id: string, error: string, at: Date): Promise<void>;
  /** Gives up on a message: kept, with its last error, and counted as dead. */
  park(id: string, error: string, at: Date): Promise<void>;
  /** For metrics: the oldest notification not delivered yet, and how many are parked. */
  backlog(): Promise<{ readonly oldestUndeliveredAt: Date | null; readonly dead: number }>;
}
