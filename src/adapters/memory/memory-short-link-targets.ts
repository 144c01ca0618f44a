import type { LinkTarget, ShortLinkTargets } from '../../application/index.js';
import type { MemoryDatabase } from './memory-database.js';

export class MemoryShortLinkTargets implements ShortLinkTargets {
  constructor(private readonly db: MemoryDatabase) {}

  async targetOf(code: string): Promise<LinkTarget | null> {
    for (const a of this.db.announcements.values()) if (a.shortCode === code) return { kind: 'announcement', id: a.id };
    for (const b of this.db.bookings.values()) if (b.shortCode === code) return { kind: 'booking', id: b.id };
    return null;
  }
}
