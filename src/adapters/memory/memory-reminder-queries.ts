import { dueReminders } from '../../domain/index.js';
import type { ReminderQueries } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

export class MemoryReminderQueries implements ReminderQueries {
  constructor(private readonly db: MemoryDatabase) {}

  async due(now: Date, limit: number): Promise<string[]> {
    const found: string[] = [];
    const soonestFirst = [...this.db.announcements.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
    for (const state of soonestFirst) {
      const types = dueReminders(state, now);
      if (types.length === 0) continue;
      const people = [state.hostId, ...[...this.db.bookings.values()]
        .filter((b) => b.announcementId === state.id && b.status === 'accepted').map((b) => b.guestId)];
      const lacking = types.some((type) => people.some((person) => !this.db.hasReminder(state.id, person, type, state.startsAt)));
      if (lacking) found.push(state.id);
      if (found.length >= limit) break;
    }
    return found;
  }
}
