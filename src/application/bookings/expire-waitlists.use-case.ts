import { err, ok, type Result } from 'neverthrow';
import type { DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { Stores, UnitOfWork } from '../ports/unit-of-work.port.js';
import { perScreening, type BatchReport } from '../shared/batch-report.js';
import type { NotificationComposer } from '../shared/notification-composer.js';

/**
 * W3, run by the worker beside the watcher: once a screening has started, what still waits on
 * its list expires, and each guest (and the host) is told. One small transaction per screening,
 * under its row lock, so two workers never expire a booking twice. A cancelled screening's list
 * expires with it (CancelAnnouncement); one that ends before this ran expires as it completes.
 */
export class ExpireWaitlists {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
  ) {}

  async execute(batchSize = 100): Promise<BatchReport> {
    const now = this.clock.now();
    const ids = await this.uow.reads.bookings.startedWithWaitlist(now, batchSize);
    return perScreening(this.uow, ids, async (stores, id) => {
      const announcement = await stores.announcements.byId(id, 'for-update');
      if (!announcement || now.getTime() < announcement.range.start.getTime()) return ok(0);
      return expireWaitlist(stores, this.composer, announcement.snapshot(), now);
    });
  }
}

/** Expires the screening's waitlist (its row locked by the caller) and tells each guest and the host. */
export const expireWaitlist = async (
  stores: Stores, composer: NotificationComposer, announcement: Parameters<NotificationComposer['compose']>[1]['announcement'], now: Date,
): Promise<Result<number, DomainError>> => {
  const waiting = await stores.bookings.ofAnnouncement(announcement.id, ['waitlisted']);
  for (const booking of waiting) {
    const events = booking.expire(now);
    const saved = await stores.bookings.save(booking, false);
    if (saved.isErr()) return err(saved.error);
    await stores.outbox.append(composer.compose(events, { announcement, booking: booking.snapshot(), names: new Map(), now }));
  }
  return ok(waiting.length);
};
