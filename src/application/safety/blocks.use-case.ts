import { err, ok, type Result } from 'neverthrow';
import type { ApplicationError } from '../errors.js';
import type { Block } from '../ports/block-repository.port.js';
import { decodeCursor, encodeCursor, isCursorId, isCursorInstant, type Page } from '../ports/page.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { People } from '../shared/people.js';
import type { Person } from '../shared/views.js';

export type BlockView = { readonly user: Person; readonly createdAt: Date };

/** S3: whom I blocked (newest first), and unblocking — which restores visibility, not bookings. */
export class Blocks {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly people: People,
  ) {}

  async list(blockerId: string, limit: number, cursor?: string): Promise<Result<Page<BlockView>, ApplicationError>> {
    const key = cursor === undefined ? undefined : decodeCursor(cursor);
    if (key === null || (key && (!isCursorInstant(key.createdAt) || !isCursorId(key.id)))) return err({ code: 'PAGE.INVALID_CURSOR' });
    const after = key ? { createdAt: key.createdAt as string, id: key.id as string } : undefined;
    const found = await this.uow.reads.blocks.madeBy(blockerId, limit + 1, after);
    const page = found.slice(0, limit);
    const names = await this.people.names(page.map((b) => b.blockedId));
    const last = page.at(-1);
    return ok({
      items: page.map((b: Block) => ({ user: { id: b.blockedId, name: names.get(b.blockedId) ?? null }, createdAt: b.createdAt })),
      nextCursor: found.length > limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.blockedId }) : null,
    });
  }

  /** Unblocks; whether there was a block to lift. */
  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    const removed = await this.uow.transaction(async ({ blocks }) => ok(await blocks.remove(blockerId, blockedId)));
    return removed.isOk() && removed.value;
  }
}
