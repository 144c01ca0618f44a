import { err, ok, type Result } from 'neverthrow';
import {
  ACTIVE_BOOKING_STATUSES, domainError,
  type Announcement, type Booking, type DomainError, type DomainEvent,
} from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { Stores, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from './announcement-access.js';
import type { AnnouncementDetails } from './announcement-details.js';
import type { NotificationComposer } from './notification-composer.js';
import type { People } from './people.js';
import type { AnnouncementDetail } from './views.js';

export type HostChange = (
  announcement: Announcement,
  context: { readonly stores: Stores; readonly activeBookings: readonly Booking[]; readonly now: Date },
) => Promise<Result<DomainEvent[], DomainError>>;

/**
 * The frame every change a host makes runs in: A1/A5 checked, the actor's name fetched
 * before any lock, then one transaction with the screening locked, the change, the save,
 * and the notifications to the people around the screening as they were before it.
 */
export class HostChanges {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
    private readonly details: AnnouncementDetails,
  ) {}

  async apply(actorId: string, announcementId: string, change: HostChange): Promise<Result<AnnouncementDetail, DomainError>> {
    const found = await this.access.findAsHost(actorId, announcementId);
    if (found.isErr()) return err(found.error);
    const names = await this.people.names([actorId]);
    const now = this.clock.now();

    const changed = await this.uow.transaction(async (stores): Promise<Result<Announcement, DomainError>> => {
      const announcement = await stores.announcements.byId(announcementId, 'for-update');
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      const activeBookings = await stores.bookings.ofAnnouncement(announcementId, ACTIVE_BOOKING_STATUSES);
      const audience = activeBookings.map((b) => b.snapshot());
      const events = await change(announcement, { stores, activeBookings, now });
      if (events.isErr()) return err(events.error);
      const saved = await stores.announcements.save(announcement, false);
      if (saved.isErr()) return err(saved.error);
      await stores.outbox.append(this.composer.compose(events.value, {
        announcement: announcement.snapshot(), activeBookings: audience, names, now,
      }));
      return ok(announcement);
    });
    if (changed.isErr()) return err(changed.error);
    return ok(await this.details.of(changed.value, null, actorId));
  }
}
