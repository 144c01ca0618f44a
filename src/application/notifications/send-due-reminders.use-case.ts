import { ok } from 'neverthrow';
import { dueReminders, type DomainEvent } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReminderQueries } from '../ports/reminder-queries.port.js';
import type { BatchReport } from '../shared/batch-report.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { NotificationComposer } from '../shared/notification-composer.js';

/**
 * The reminder scheduler (SPEC §4): reminders are written at their moment, to the people who
 * are participants then — so nobody who left is reminded, and a guest accepted later is. The
 * outbox keeps one reminder per person, kind and start time (a unique key), so schedulers may
 * run in several processes at once, and a moved screening is reminded of again.
 */
export class SendDueReminders {
  constructor(
    private readonly reminders: ReminderQueries,
    private readonly uow: UnitOfWork,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
  ) {}

  /** The screenings it wrote reminders for, and those it could not. */
  async execute(limit = 100): Promise<BatchReport> {
    const now = this.clock.now();
    let reminded = 0;
    const failed: Array<BatchReport['failed'][number]> = [];
    for (const announcementId of await this.reminders.due(now, limit)) {
      const written = await this.uow.transaction(async ({ announcements, bookings, outbox }) => {
        const announcement = await announcements.byId(announcementId);
        const due = announcement ? dueReminders(announcement.snapshot(), now) : [];
        if (!announcement || due.length === 0) return ok(false);
        const participants = await bookings.guestsOf(announcementId);
        const events: DomainEvent[] = due.map((reminder) => ({ type: 'ReminderDue', announcementId, reminder }));
        await outbox.append(this.composer.compose(events, {
          announcement: announcement.snapshot(), activeBookings: participants.map((g) => ({ status: 'accepted' as const, guestId: g.guestId })), names: new Map(), now,
        }));
        return ok(true);
      });
      if (written.isErr()) failed.push({ announcementId, error: written.error });
      else if (written.value) reminded += 1;
    }
    return { done: reminded, failed };
  }
}
