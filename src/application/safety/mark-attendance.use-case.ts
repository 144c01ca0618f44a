import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';

export type AttendanceCommand = { readonly hostId: string; readonly announcementId: string; readonly guestId: string; readonly attended: boolean };
export type AttendanceView = { readonly guestId: string; readonly attended: boolean };

/** RULES §9 S5: the host says whether an accepted guest came; a guest marked absent is told. */
export class MarkAttendance {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
  ) {}

  async execute(command: AttendanceCommand): Promise<Result<AttendanceView, DomainError>> {
    const found = await this.access.findAsHost(command.hostId, command.announcementId);
    if (found.isErr()) return err(found.error);
    const names = await this.people.names([command.hostId]);
    const now = this.clock.now();
    return this.uow.transaction(async ({ announcements, bookings, outbox }) => {
      const announcement = await announcements.byId(command.announcementId, 'for-update');
      const latest = await bookings.latestOf(command.announcementId, command.guestId);
      const booking = latest && (await bookings.byId(latest.id, 'for-update'));
      if (!announcement || !booking) return err(domainError('ATTENDANCE.NOT_A_GUEST'));
      const events = booking.markAttendance(command.hostId, command.attended, announcement, now);
      if (events.isErr()) return err(events.error);
      const saved = await bookings.save(booking, false);
      if (saved.isErr()) return err(saved.error);
      await outbox.append(this.composer.compose(events.value, { announcement: announcement.snapshot(), booking: booking.snapshot(), names, now }));
      return ok({ guestId: command.guestId, attended: command.attended });
    });
  }
}
