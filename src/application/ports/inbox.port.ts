import type { Notification } from '../../domain/index.js';
import type { TimeKey } from './page.js';

export interface Inbox {
  /** The recipient's notifications, newest first, strictly after `after`. */
  of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]>;
}
