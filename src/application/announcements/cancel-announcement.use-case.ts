import { err, ok, type Result } from 'neverthrow';
import { ACTIVE_BOOKING_STATUSES, domainError, type Announcement, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import type { AnnouncementDetail } from '../shared/views.js';

export type CancelAnnouncementCommand = {
  readonly actorId: string;
  readonly announcementId: string;
  readonly expectedVersion?: number;
};

/** A6: the screening and its active bookings end together; everyone around it is told once. */
export class CancelAnnouncement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
    private readonly details: AnnouncementDetails,
  ) {}

  async execute(command: CancelAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    const found = await this.access.findAsHost(command.actorId, command.announcementId);
    if (found.isErr()) return err(found.error);
    const names = await this.people.names([command.actorId]);
    const now = this.clock.now();

    const cancelled = await this.uow.transaction(async ({ announcements, bookings, outbox }): Promise<Result<Announcement, DomainError>> => {
      const announcement = await announcements.byId(command.announcementId, 'for-update');
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      const events = announcement.cancel(command.actorId, now, command.expectedVersion);
      if (events.isErr()) return err(events.error);
      const active = await bookings.ofAnnouncement(announcement.id, ACTIVE_BOOKING_STATUSES);
      const notifications = this.composer.compose(events.value, {
        announcement: announcement.snapshot(), activeBookings: active, names, now,
      });
      for (const booking of active) {
        booking.cancelWithAnnouncement(now);
        const saved = await bookings.save(booking, false);
        if (saved.isErr()) return err(saved.error);
      }
      const saved = await announcements.save(announcement, false);
      if (saved.isErr()) return err(saved.error);
      await outbox.append(notifications);
      return ok(announcement);
    });
    if (cancelled.isErr()) return err(cancelled.error);
    return ok(await this.details.of(cancelled.value, null));
  }
}
