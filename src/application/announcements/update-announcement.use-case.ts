import { err, ok, type Result } from 'neverthrow';
import { domainError, type Announcement, type AnnouncementChanges, type Booking, type DomainError } from '../../domain/index.js';
import type { Stores } from '../ports/unit-of-work.port.js';
import type { HostChanges } from '../shared/host-changes.js';
import type { AnnouncementDetail } from '../shared/views.js';

export type UpdateAnnouncementCommand = {
  readonly actorId: string;
  readonly announcementId: string;
  readonly changes: AnnouncementChanges;
  /** From `If-Match`; a stale version is refused (412). */
  readonly expectedVersion?: number;
};

export class UpdateAnnouncement {
  constructor(private readonly hostChanges: HostChanges) {}

  execute(command: UpdateAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    return this.hostChanges.apply(command.actorId, command.announcementId, async (announcement, { stores, activeBookings, now }) => {
      const before = announcement.range;
      const events = announcement.update(command.actorId, command.changes, now, command.expectedVersion);
      if (events.isErr()) return err(events.error);
      const after = announcement.range;
      const moved = before.start.getTime() !== after.start.getTime() || before.end.getTime() !== after.end.getTime();
      const clash = moved ? await scheduleClash(stores, announcement, activeBookings) : null;
      return clash ? err(clash) : ok(events.value);
    });
  }
}

/**
 * A moved screening must still fit everyone's schedule (A2, B3). A guest's clash refuses
 * the move rather than silently dropping the guest; which guest is not revealed.
 */
const scheduleClash = async (stores: Stores, announcement: Announcement, active: readonly Booking[]): Promise<DomainError | null> => {
  const people = [announcement.hostId, ...active.map((b) => b.guestId)];
  await stores.commitments.lockUsers(people);
  const clashes = (await stores.commitments.overlapping(people, announcement.range)).filter(
    (c) => c.announcementId !== announcement.id,
  );
  const hostClash = clashes.find((c) => c.userId === announcement.hostId);
  if (hostClash) return domainError('SCHEDULE.CONFLICT', { announcementId: hostClash.announcementId, as: hostClash.as });
  return clashes.length > 0 ? domainError('ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT') : null;
};
