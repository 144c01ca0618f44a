import type { Logger } from 'pino';
import type { BatchReport, CompleteEndedAnnouncements, DeliverNotifications, ExpireWaitlists, SendDueReminders } from '../../application/index.js';
import type { DeliveryMetrics } from './delivery-metrics.js';
import type { Job } from './periodic-jobs.js';

export type WorkerJobDeps = {
  readonly deliver: DeliverNotifications;
  readonly reminders: SendDueReminders;
  readonly watcher: CompleteEndedAnnouncements;
  readonly waitlists: ExpireWaitlists;
  readonly metrics: DeliveryMetrics;
  readonly logger: Logger;
  readonly intervals: { readonly dispatchMs: number; readonly reminderMs: number; readonly watcherMs: number };
  readonly batchSize: number;
};

const REMINDER_BATCH = 100;
const WATCHER_BATCH = 100;

/**
 * The worker role's jobs: the dispatcher (drains the outbox batch after batch, then polls),
 * the reminder scheduler, the watcher (RULES §4, A7) and, at the watcher's pace, the expiry of
 * the waitlists of screenings that have started (W3). Each failure is logged once, with
 * the notification's id.
 */
export const workerJobs = (deps: WorkerJobDeps): Job[] => [
  {
    name: 'dispatcher', intervalMs: deps.intervals.dispatchMs,
    async run() {
      const report = await deps.deliver.execute();
      deps.metrics.record(report);
      for (const r of report.retried)
        deps.logger.warn({ notificationId: r.id, attempt: r.attempt, error: r.error, retryAt: r.retryAt }, 'notification delivery failed; will retry');
      for (const d of report.dead)
        deps.logger.error({ notificationId: d.id, attempt: d.attempt, error: d.error }, 'notification parked as dead');
      return report.claimed === deps.batchSize;
    },
  },
  {
    name: 'reminders', intervalMs: deps.intervals.reminderMs,
    run: async () => logged(deps.logger, 'reminders', await deps.reminders.execute(REMINDER_BATCH)) === REMINDER_BATCH,
  },
  ...(deps.intervals.watcherMs > 0 ? [{
    name: 'watcher', intervalMs: deps.intervals.watcherMs,
    run: async () => logged(deps.logger, 'watcher', await deps.watcher.execute(WATCHER_BATCH)) === WATCHER_BATCH,
  }, {
    name: 'waitlists', intervalMs: deps.intervals.watcherMs,
    run: async () => logged(deps.logger, 'waitlists', await deps.waitlists.execute(WATCHER_BATCH)) === WATCHER_BATCH,
  }] : []),
];

/** Logs each screening a batch could not finish, with the refusal; answers how many it took on. */
const logged = (logger: Logger, job: string, report: BatchReport): number => {
  for (const { announcementId, error } of report.failed) logger.error({ job, announcementId, error }, `${job}: a screening was refused (${error.code})`);
  return report.done + report.failed.length;
};
