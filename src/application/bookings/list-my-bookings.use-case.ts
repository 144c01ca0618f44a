import { err, ok, type Result } from 'neverthrow';
import type { BookingStatus } from '../../domain/index.js';
import type { ApplicationError } from '../errors.js';
import type { BookingQueries } from '../ports/booking-queries.port.js';
import { pageOf, parseTimeKey, type Page } from '../ports/page.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import { bookingViewFor, type BookingView } from '../shared/views.js';
import { positionInLine } from '../shared/waitlist.js';

export type MyBookingsQuery = {
  readonly role?: 'guest' | 'host';
  readonly status?: BookingStatus;
  readonly limit: number;
  readonly cursor?: string;
};

export class ListMyBookings {
  constructor(
    private readonly queries: BookingQueries,
    private readonly reads: ReadStores,
  ) {}

  async execute(userId: string, query: MyBookingsQuery): Promise<Result<Page<BookingView>, ApplicationError>> {
    const after = parseTimeKey(query.cursor);
    if (after === null) return err({ code: 'PAGE.INVALID_CURSOR' });
    const rows = await this.queries.ofUser({ userId, role: query.role, status: query.status, limit: query.limit + 1, after });
    // W1: where each waiting booking stands in its line (a read per waiting booking only).
    const positions = new Map(await Promise.all(rows.filter((r) => r.booking.status === 'waitlisted')
      .map(async (r) => [r.booking.id, await positionInLine(this.reads.bookings, r.booking)] as const)));
    return ok(pageOf(rows, query.limit, (r) => bookingViewFor(userId, r.booking, r.announcement, positions.get(r.booking.id) ?? null), (r) => ({
      createdAt: r.booking.createdAt.toISOString(), id: r.booking.id,
    })));
  }
}
