import { err, ok } from 'neverthrow';
import type { Clock } from '../ports/clock.port.js';
import { perScreening, type BatchReport } from '../shared/batch-report.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import { expireWaitlist } from '../bookings/expire-waitlists.use-case.js';

/**
 * A7, run by the watcher. Each screening completes in its own small transaction, so several
 * watchers may run at once: the row lock makes the second one see `done` and do nothing. The
 * "rate your screening" notifications (§4, §5) are written in the same transaction.
 */
export class CompleteEndedAnnouncements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
  ) {}

  async execute(batchSize = 100): Promise<BatchReport> {
    const now = this.clock.now();
    const ids = await this.uow.reads.announcements.endedBy(now, batchSize);
    return perScreening(this.uow, ids, async (stores, id) => {
      const { announcements, bookings, outbox } = stores;
      const announcement = await announcements.byId(id, 'for-update');
      if (!announcement?.completeIfEnded(now)) return ok(0);
      const saved = await announcements.save(announcement, false);
      if (saved.isErr()) return err(saved.error);
      // W3: anything still waiting (the expiry job had not come round) expires with the end.
      const expired = await expireWaitlist(stores, this.composer, announcement.snapshot(), now);
      if (expired.isErr()) return err(expired.error);
      const accepted = await bookings.guestsOf(id);
      if (accepted.length > 0) {
        await outbox.append(this.composer.compose([{ type: 'AnnouncementCompleted', announcementId: id }], {
          announcement: announcement.snapshot(), activeBookings: accepted.map((g) => ({ status: 'accepted' as const, guestId: g.guestId })), names: new Map(), now,
        }));
      }
      return ok(1);
    });
  }
}
