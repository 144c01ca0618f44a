import type { AnnouncementState } from '../announcement/announcement.types.js';
import { ACTIVE_ANNOUNCEMENT_STATUSES } from '../announcement/announcement.types.js';
import type { NotificationType } from './notification.types.js';

const HOUR = 60 * 60_000;

export const REMINDERS = [
  { type: 'announcement.reminder_24h', beforeMs: 24 * HOUR },
  { type: 'announcement.reminder_1h', beforeMs: HOUR },
] as const satisfies ReadonlyArray<{ type: NotificationType; beforeMs: number }>;

export type ReminderType = (typeof REMINDERS)[number]['type'];

const momentOf = (startsAt: Date, beforeMs: number): number => startsAt.getTime() - beforeMs;

/**
 * SPEC §4: which reminders of a screening are due at `now`. A reminder is due from its moment
 * until the screening starts (a moment missed while the service was down is still honoured),
 * only for an active screening, and only if its moment came after the start time was set —
 * so a screening announced (or moved) 23 hours ahead gets no 24-hour reminder. A 24-hour
 * reminder still due once the 1-hour one is gives way to it: nobody is told "tomorrow" an
 * hour before. Being due says nothing of who already has one: that is one per person, kind
 * and start time, and the outbox keeps it so.
 */
export const dueReminders = (a: Pick<AnnouncementState, 'status' | 'startsAt' | 'startSetAt'>, now: Date): ReminderType[] => {
  if (!ACTIVE_ANNOUNCEMENT_STATUSES.includes(a.status) || now.getTime() >= a.startsAt.getTime()) return [];
  const due = REMINDERS.filter((r) => {
    const moment = momentOf(a.startsAt, r.beforeMs);
    return moment <= now.getTime() && moment >= a.startSetAt.getTime();
  }).map((r) => r.type);
  return due.includes('announcement.reminder_1h') ? ['announcement.reminder_1h'] : due;
};

export const isReminder = (type: NotificationType): type is ReminderType => REMINDERS.some((r) => r.type === type);
