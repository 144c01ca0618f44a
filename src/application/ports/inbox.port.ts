import type { Notification } from '../../domain/index.js';
import type { TimeKey } from './page.js';

export interface Inbox {
  /** The recipient's notifications, newest first, strictly after `after`. */
  of(recipientId: string, limit: number, after?: TimeKey): Promise<Notification[]>;
  /**
   * The recipient's read mark: every notification at or before this key (in time, then id) is
   * read, every newer one unread; null while they have read nothing.
   */
  readMark(recipientId: string): Promise<TimeKey | null>;
  /** How many of the recipient's notifications are newer than their read mark. */
  unreadCount(recipientId: string): Promise<number>;
  /** Moves the read mark forward to `upTo`; a mark already past it stays (two tabs may race). */
  markRead(recipientId: string, upTo: TimeKey): Promise<void>;
}

/** Whether a notification is newer than a read mark, i.e. unread. */
export const isNewerThan = (n: { readonly createdAt: Date; readonly id: string }, mark: TimeKey | null): boolean => {
  if (!mark) return true;
  const at = Date.parse(mark.createdAt);
  return n.createdAt.getTime() > at || (n.createdAt.getTime() === at && n.id > mark.id);
};
