import { REMINDERS } from '../../domain/index.js';
import type { ReminderQueries } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';

const ONE_HOUR = REMINDERS.find((r) => r.type === 'announcement.reminder_1h')!.beforeMs;

/**
 * The domain's `dueReminders` in SQL, as a prefilter: active screenings starting within a day
 * whose reminder moment has come (and came after the start was set; the 24-hour one giving
 * way to the 1-hour one), where a participant still lacks that reminder for this start time.
 * The lookup of who lacks one is an index probe on the outbox's reminder key.
 */
export class PgReminderQueries implements ReminderQueries {
  constructor(private readonly db: Queryable) {}

  async due(now: Date, limit: number): Promise<string[]> {
    const found = await rows<{ id: string }>(this.db, `
      WITH kinds (type, before_ms) AS (SELECT * FROM unnest($3::text[], $4::bigint[]))
      SELECT a.id FROM announcements a
        JOIN kinds k ON a.starts_at - k.before_ms * interval '1 millisecond' <= $1
                    AND a.starts_at - k.before_ms * interval '1 millisecond' >= a.start_set_at
       WHERE a.status IN ('open', 'closed') AND a.starts_at > $1 AND a.starts_at <= $1 + $5 * interval '1 millisecond'
         AND (k.before_ms = $6 OR NOT (a.starts_at - $6 * interval '1 millisecond' <= $1
                                      AND a.starts_at - $6 * interval '1 millisecond' >= a.start_set_at))
         AND EXISTS (
           SELECT 1 FROM (SELECT a.host_id AS person UNION ALL
                          SELECT b.guest_id FROM bookings b WHERE b.announcement_id = a.id AND b.status = 'accepted') p
            WHERE NOT EXISTS (SELECT 1 FROM notifications n WHERE n.announcement_id = a.id AND n.recipient_id = p.person
                                AND n.type = k.type AND n.reminder_for = a.starts_at))
       GROUP BY a.id, a.starts_at ORDER BY a.starts_at, a.id LIMIT $2`,
      [now, limit, REMINDERS.map((r) => r.type), REMINDERS.map((r) => r.beforeMs), Math.max(...REMINDERS.map((r) => r.beforeMs)), ONE_HOUR]);
    return found.map((r) => r.id);
  }
}
