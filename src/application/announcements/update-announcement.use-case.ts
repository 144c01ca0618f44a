import { err, ok, type Result } from 'neverthrow';
import { domainError, type Announcement, type AnnouncementChanges, type Booking, type DomainError } from '../../domain/index.js';
import type { TimeZoneLookup } from '../ports/time-zone-lookup.port.js';
import type { Stores } from '../ports/unit-of-work.port.js';
import type { HostChanges } from '../shared/host-changes.js';
import { withTimeZone } from '../shared/place-zone.js';
import type { AnnouncementDetail } from '../shared/views.js';
import type { WaitlistPromotion } from '../shared/waitlist.js';

export type UpdateAnnouncementCommand = {
  readonly actorId: string;
  readonly announcementId: string;
  readonly changes: AnnouncementChanges;
  /** From `If-Match`; a stale version is refused (412). */
  readonly expectedVersion?: number;
};

export class UpdateAnnouncement {
  constructor(
    private readonly hostChanges: HostChanges,
    private readonly waitlist: WaitlistPromotion,
    private readonly zones?: TimeZoneLookup,
  ) {}

  execute(command: UpdateAnnouncementCommand): Promise<Result<AnnouncementDetail, DomainError>> {
    const { place, ...rest } = command.changes;
    const changes: AnnouncementChanges = place ? { ...rest, place: withTimeZone(place, this.zones) } : rest;
    return this.hostChanges.apply(command.actorId, command.announcementId, async (announcement, { stores, activeBookings, now }) => {
      const before = { range: announcement.range, capacity: announcement.snapshot().capacity, approval: announcement.snapshot().approval };
      const events = announcement.update(command.actorId, changes, now, command.expectedVersion);
      if (events.isErr()) return err(events.error);
      const after = announcement.range;
      const moved = before.range.start.getTime() !== after.start.getTime() || before.range.end.getTime() !== after.end.getTime();
      const clash = moved ? await scheduleClash(stores, announcement, activeBookings) : null;
      if (clash) return err(clash);
      // W2: more seats, or automatic approval switched on, is room the waitlist takes at once.
      const { capacity, approval } = announcement.snapshot();
      if (capacity > before.capacity || (approval === 'auto' && before.approval !== 'auto')) {
        const promoted = await this.waitlist.afterRelease(stores, announcement, Math.max(0, capacity - before.capacity), now);
        if (promoted.isErr()) return err(promoted.error);
      }
      return ok(events.value);
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
