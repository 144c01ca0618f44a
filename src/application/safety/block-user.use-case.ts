import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type DomainEvent } from '../../domain/index.js';
import type { Block } from '../ports/block-repository.port.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import type { Person } from '../shared/views.js';
import type { WaitlistPromotion } from '../shared/waitlist.js';

export type BlockOutcome = { readonly block: Block; readonly created: boolean; readonly user: Person };

/**
 * RULES §9 S3: a block, in one transaction with what it ends — the blocked person's pending and
 * waitlisted requests at the blocker's screenings are rejected, and their accepted bookings of the
 * blocker's screenings that have not started are revoked, seats freed and offered to the
 * waitlist (W2). The blocked person hears
 * of each as of any decision; of the block itself, nothing.
 *
 * Lock order, as every writer: the blocker's open and closed screenings (in id order), then both
 * users' schedule locks, then the bookings. A request of the blocked person for one of those
 * screenings waits behind the block and then sees it (CreateBooking asks again under the
 * guest's lock); an acceptance racing the block is decided by the screening's row lock.
 */
export class BlockUser {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
    private readonly waitlist: WaitlistPromotion,
  ) {}

  async execute(blockerId: string, blockedId: string): Promise<Result<BlockOutcome, DomainError>> {
    if (blockerId === blockedId) return err(domainError('BLOCK.SELF'));
    const names = await this.people.names([blockerId, blockedId]);
    const now = this.clock.now();
    return this.uow.transaction(async (stores) => {
      const { announcements, blocks, bookings, commitments, outbox } = stores;
      const screenings = new Map((await announcements.activeOfHost(blockerId, 'for-update')).map((a) => [a.id, a]));
      await commitments.lockUsers([blockerId, blockedId]);
      const { block, created } = await blocks.add({ blockerId, blockedId, createdAt: now });
      for (const booking of await bookings.activeOfGuestWithHost(blockedId, blockerId)) {
        const announcement = screenings.get(booking.announcementId);
        // A screening that has started keeps its accepted guests; its pending requests go.
        if (!announcement || (booking.status === 'accepted' && announcement.range.start.getTime() <= now.getTime())) continue;
        const held = booking.status === 'accepted' ? booking.seats : 0;
        const events = booking.decide(blockerId, 'rejected', announcement, now);
        if (events.isErr()) return err(events.error);
        const saved = await bookings.save(booking, false);
        if (saved.isErr()) return err(saved.error);
        // W2: the seats they held go to the screening's waitlist at once.
        const promoted = held > 0 ? await this.waitlist.afterRelease(stores, announcement, held, now) : null;
        if (promoted?.isErr()) return err(promoted.error);
        if (events.value.some((e: DomainEvent) => e.type === 'SeatsChanged')) {
          const seatsSaved = await announcements.save(announcement, false);
          if (seatsSaved.isErr()) return err(seatsSaved.error);
        }
        await outbox.append(this.composer.compose(events.value, { announcement: announcement.snapshot(), booking: booking.snapshot(), names, now }));
      }
      return ok({ block, created, user: { id: blockedId, name: names.get(blockedId) ?? null } });
    });
  }
}
