import type { Notification } from '../../domain/index.js';

/** Written in the same transaction as the change it reports (transactional outbox). */
export interface Outbox {
  append(notifications: readonly Notification[]): Promise<void>;
}
