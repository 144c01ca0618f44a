import { err, ok, type Result } from 'neverthrow';
import { toMessage, type NotificationMessage } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import { isNewerThan, type Inbox } from '../ports/inbox.port.js';
import { pageOf, parseTimeKey, type Page } from '../ports/page.js';

/** A notification in its recipient's inbox: read once it is at or before their read mark. */
export type InboxItem = NotificationMessage & { readonly read: boolean };
export type InboxPage = Page<InboxItem> & {
  /** All of the recipient's unread notifications, not only this page's: the count a navigation shows. */
  readonly unreadCount: number;
};

/** RULES §6 `/me/notifications`: the inbox, newest first, and "mark all read". */
export class ReadInbox {
  constructor(private readonly inbox: Inbox) {}

  async execute(userId: string, limit: number, cursor?: string): Promise<Result<InboxPage, ApplicationError>> {
    const after = parseTimeKey(cursor);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const [rows, mark, unreadCount] = await Promise.all([this.inbox.of(userId, limit + 1, after), this.inbox.readMark(userId), this.inbox.unreadCount(userId)]);
    const page = pageOf(rows, limit, (n) => ({ ...toMessage(n), read: !isNewerThan(n, mark) }), (n) => ({ createdAt: n.createdAt.toISOString(), id: n.id }));
    return ok({ ...page, unreadCount });
  }

  /**
   * Everything in the inbox now is read: the mark moves to the newest notification. One that
   * arrives after this call stays unread.
   */
  async markAllRead(userId: string): Promise<void> {
    const [newest] = await this.inbox.of(userId, 1);
    if (newest) await this.inbox.markRead(userId, { createdAt: newest.createdAt.toISOString(), id: newest.id });
  }
}
