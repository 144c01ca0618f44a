import type { Notification } from '../../domain/index.js';

/** Written in the same transaction as the change it reports (transactional outbox). */
export interface Outbox {
  /**
   * Stores them due for delivery at once. A reminder a person already has for the same start
   * time is skipped, not doubled: that key is unique in storage (RULES §4, not sent twice).
   */
  append(notifications: readonly Notification[]): Promise<void>;
}
