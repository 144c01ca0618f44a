import { ok } from 'neverthrow';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';

/**
 * A7, run by the watcher. Each screening completes in its own small transaction, so several
 * watchers may run at once: the row lock makes the second one see `done` and do nothing.
 */
export class CompleteEndedAnnouncements {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(batchSize = 100): Promise<number> {
    const now = this.clock.now();
    const ids = await this.uow.reads.announcements.endedBy(now, batchSize);
    let completed = 0;
    for (const id of ids) {
      const done = await this.uow.transaction(async ({ announcements }) => {
        const announcement = await announcements.byId(id, 'for-update');
        if (!announcement?.completeIfEnded(now)) return ok(false);
        return (await announcements.save(announcement, false)).map(() => true);
      });
      if (done.isOk() && done.value) completed += 1;
    }
    return completed;
  }
}
