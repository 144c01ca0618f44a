import { err, ok, type Result } from 'neverthrow';
import { toMessage, type NotificationMessage } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { Inbox } from '../ports/inbox.port.js';
import { pageOf, parseTimeKey, type Page } from '../ports/page.js';

export class ReadInbox {
  constructor(private readonly inbox: Inbox) {}

  async execute(userId: string, limit: number, cursor?: string): Promise<Result<Page<NotificationMessage>, ApplicationError>> {
    const after = parseTimeKey(cursor);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const rows = await this.inbox.of(userId, limit + 1, after);
    return ok(pageOf(rows, limit, toMessage, (n) => ({ createdAt: n.createdAt.toISOString(), id: n.id })));
  }
}
