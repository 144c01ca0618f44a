import { err, ok, type Result } from 'neverthrow';
import type { DomainError } from '../../domain/index.js';
import type { HostChanges } from '../shared/host-changes.js';
import type { AnnouncementDetail } from '../shared/views.js';

export type CancelAnnouncementCommand = {
  readonly actorId: string;
  readonly announcementId: string;
  readonly expectedVersion?: number;
};

/** A6: the screening and its active bookings end together; everyone around it is told once. */
export class CancelAnnouncement {
  constructor(private readonly hostChanges: HostChanges) {}

  execute(command: CancelAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    return this.hostChanges.apply(command.actorId, command.announcementId, async (announcement, { stores, activeBookings, now }) => {
      const events = announcement.cancel(command.actorId, now, command.expectedVersion);
      if (events.isErr()) return err(events.error);
      for (const booking of activeBookings) {
        booking.cancelWithAnnouncement(now);
        const saved = await stores.bookings.save(booking, false);
        if (saved.isErr()) return err(saved.error);
      }
      return ok(events.value);
    });
  }
}
