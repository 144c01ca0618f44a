import { err, ok, type Result } from 'neverthrow';
import {
  ACTIVE_BOOKING_STATUSES, domainError,
  type Announcement, type AnnouncementChanges, type Booking, type DomainError,
} from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { Stores, UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import type { AnnouncementDetail } from '../shared/views.js';

export type UpdateAnnouncementCommand = {
  readonly actorId: string;
  readonly announcementId: string;
  readonly changes: AnnouncementChanges;
  /** From `If-Match`; a stale version is refused (412). */
  readonly expectedVersion?: number;
};

export class UpdateAnnouncement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
    private readonly details: AnnouncementDetails,
  ) {}

  async execute(command: UpdateAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    const found = await this.access.findAsHost(command.actorId, command.announcementId);
    if (found.isErr()) return err(found.error);
    const names = await this.people.names([command.actorId]);
    const now = this.clock.now();

    const updated = await this.uow.transaction(async (stores): Promise<Result<Announcement, DomainError>> => {
      const announcement = await stores.announcements.byId(command.announcementId, 'for-update');
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      const before = announcement.range;
      const events = announcement.update(command.actorId, command.changes, now, command.expectedVersion);
      if (events.isErr()) return err(events.error);
      const active = await stores.bookings.ofAnnouncement(announcement.id, ACTIVE_BOOKING_STATUSES);
      const after = announcement.range;
      if (before.start.getTime() !== after.start.getTime() || before.end.getTime() !== after.end.getTime()) {
        const clash = await this.scheduleClash(stores, announcement, active);
        if (clash) return err(clash);
      }
      const saved = await stores.announcements.save(announcement, false);
      if (saved.isErr()) return err(saved.error);
      await stores.outbox.append(
        this.composer.compose(events.value, { announcement: announcement.snapshot(), activeBookings: active, names, now }),
      );
      return ok(announcement);
    });
    if (updated.isErr()) return err(updated.error);
    return ok(await this.details.of(updated.value, null));
  }

  /**
   * A moved screening must still fit everyone's schedule (A2, B3). A guest's clash refuses
   * the move rather than silently dropping the guest; which guest is not revealed.
   */
  private async scheduleClash(stores: Stores, announcement: Announcement, active: readonly Booking[]): Promise<DomainError | null> {
    const people = [announcement.hostId, ...active.map((b) => b.guestId)];
    await stores.commitments.lockUsers(people);
    const clashes = (await stores.commitments.overlapping(people, announcement.range)).filter(
      (c) => c.announcementId !== announcement.id,
    );
    const hostClash = clashes.find((c) => c.userId === announcement.hostId);
    if (hostClash) return domainError('SCHEDULE.CONFLICT', { announcementId: hostClash.announcementId, as: hostClash.as });
    return clashes.length > 0 ? domainError('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT') : null;
  }
}
