import { err, ok, type Result } from 'neverthrow';
import { promoteWaitlist, waitlistPosition, type Announcement, type DomainError } from '../../domain/index.js';
import type { Stores } from '../ports/unit-of-work.port.js';
import type { NotificationComposer } from './notification-composer.js';

/**
 * W2 where seats free up: inside the transaction that freed them, with the screening locked,
 * the domain's policy (promoteWaitlist) picks who moves up; this writes them and their news.
 * The caller saves the screening afterwards (its seat count now includes the promoted).
 * Promotion texts need no names (a promoted guest is told it is their request), so nothing is
 * fetched from the user service while the screening is locked.
 */
export class WaitlistPromotion {
  constructor(private readonly composer: NotificationComposer) {}

  /** `freed`: the seats this transaction released (0 when it only raised the capacity or opened approval). */
  async afterRelease(stores: Stores, announcement: Announcement, freed: number, now: Date): Promise<Result<number, DomainError>> {
    const auto = announcement.snapshot().approval === 'auto';
    const [waiting, pending] = await Promise.all([
      stores.bookings.ofAnnouncement(announcement.id, ['waitlisted']),
      auto ? Promise.resolve([]) : stores.bookings.ofAnnouncement(announcement.id, ['pending']),
    ]);
    if (waiting.length === 0 && pending.length === 0) return ok(0);
    const decided = promoteWaitlist(announcement, waiting, pending.length + waiting.length, freed, now);
    if (decided.isErr()) return err(decided.error);
    const { promoted, events } = decided.value;
    const ctx = { announcement: announcement.snapshot(), names: new Map<string, string>(), now };
    for (const booking of promoted) {
      const saved = await stores.bookings.save(booking, false);
      if (saved.isErr()) return err(saved.error);
      await stores.outbox.append(this.composer.compose(
        events.filter((e) => 'bookingId' in e && e.bookingId === booking.id), { ...ctx, booking: booking.snapshot() },
      ));
    }
    const freedNotice = events.filter((e) => e.type === 'SeatsFreed');
    if (freedNotice.length > 0) await stores.outbox.append(this.composer.compose(freedNotice, ctx));
    return ok(promoted.length);
  }
}

/** W1: where a booking stands in line — read only for a booking that waits. */
export const positionInLine = async (
  bookings: Pick<Stores['bookings'], 'ofAnnouncement'>, booking: { readonly id: string; readonly announcementId: string; readonly status: string },
): Promise<number | null> =>
  booking.status === 'waitlisted' ? waitlistPosition(await bookings.ofAnnouncement(booking.announcementId, ['waitlisted']), booking.id) : null;
