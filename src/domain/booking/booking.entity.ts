import { err, ok, type Result } from 'neverthrow';
import type { Announcement } from '../announcement/announcement.entity.js';
import { domainError, type DomainError, type FieldIssue } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import { LIMITS } from '../shared/limits.js';
import { plainTextProblem } from '../shared/plain-text.js';
import type { ShortLink } from '../shared/short-link.js';
import { firstConflict, type Commitment } from '../schedule/commitment.js';
import { ratingDeadline } from '../rating/rating.js';
import { ACTIVE_BOOKING_STATUSES, LATE_CANCELLATION_MS, type BookingState, type BookingStatus } from './booking.types.js';

export type BookingRequest = {
  readonly id: string;
  readonly guestId: string;
  readonly seats?: number;
  readonly message?: string | null;
  readonly link: ShortLink;
  readonly now: Date;
  /** The guest's active commitments that overlap the screening (B3, B4). */
  readonly guestCommitments: readonly Commitment[];
  /** B8: with automatic approval and too few seats left, join the waitlist (the default) or be refused. */
  readonly waitlist?: boolean;
};

const checkRequest = (seats: number, message: string | null): FieldIssue[] => {
  const issues: FieldIssue[] = [];
  if (!Number.isInteger(seats) || seats < LIMITS.seats.min || seats > LIMITS.seats.max)
    issues.push({ path: 'seats', message: `must be a whole number from ${LIMITS.seats.min} to ${LIMITS.seats.max}` });
  const textProblem = message === null ? null : plainTextProblem(message);
  if (textProblem) issues.push({ path: 'message', message: textProblem });
  else if (message !== null && message.length > LIMITS.message.max)
    issues.push({ path: 'message', message: `at most ${LIMITS.message.max} characters` });
  return issues;
};

/** One guest's request for seats. Its transitions are B6's state machine. */
export class Booking {
  private constructor(private state: BookingState) {}

  static request(announcement: Announcement, input: BookingRequest): Result<{ booking: Booking; events: DomainEvent[] }, DomainError> {
    const seats = input.seats ?? 1;
    const message = input.message ?? null;
    const issues = checkRequest(seats, message);
    if (issues.length > 0) return err(domainError('BOOKING.INVALID', { issues }));
    if (announcement.isHostedBy(input.guestId)) return err(domainError('BOOKING.OWN_ANNOUNCEMENT'));
    if (!announcement.acceptsBookings(input.now)) return err(domainError('BOOKING.NOT_OPEN'));
    if (input.guestCommitments.some((c) => c.announcementId === announcement.id)) return err(domainError('BOOKING.ALREADY_BOOKED'));
    const conflict = firstConflict(input.guestCommitments, announcement.range);
    if (conflict) return err(domainError('SCHEDULE.CONFLICT', { announcementId: conflict.announcementId, as: conflict.as }));

    // B8 and W1: automatic approval takes the seats when they are there, and otherwise puts the
    // request on the waitlist (unless the guest asked not to wait: then it is refused, nothing kept).
    const auto = announcement.snapshot().approval === 'auto';
    const seatEvents: DomainEvent[] = [];
    let status: BookingStatus = 'pending';
    if (auto) {
      const taken = announcement.takeSeats(seats, input.now);
      if (taken.isOk()) {
        seatEvents.push(taken.value);
        status = 'accepted';
      } else if (input.waitlist === false || seats > announcement.snapshot().capacity) {
        // A party larger than the whole room would wait for ever: it is refused as well.
        return err(taken.error);
      } else {
        status = 'waitlisted';
      }
    }
    const booking = new Booking({
      id: input.id, announcementId: announcement.id, guestId: input.guestId, hostId: announcement.hostId, seats, message,
      status, shortCode: input.link.code, shortUrl: input.link.url, createdAt: input.now, updatedAt: input.now,
      decidedAt: status === 'accepted' ? input.now : null, cancelledWithAnnouncement: false, cancelledLate: false, attended: null,
    });
    const created: DomainEvent[] = [{ type: 'BookingCreated', bookingId: booking.id, announcementId: announcement.id }];
    if (status === 'waitlisted') created.push({ type: 'Waitlisted', bookingId: booking.id, announcementId: announcement.id });
    return ok({ booking, events: [...seatEvents, ...created] });
  }

  static rehydrate(state: BookingState): Booking {
    return new Booking(state);
  }

  get id(): string { return this.state.id; }
  get status(): BookingStatus { return this.state.status; }
  get seats(): number { return this.state.seats; }
  get guestId(): string { return this.state.guestId; }
  get hostId(): string { return this.state.hostId; }
  get announcementId(): string { return this.state.announcementId; }
  get isActive(): boolean { return ACTIVE_BOOKING_STATUSES.includes(this.state.status); }
  /** A5: its guest still sees a friends-only screening — a participant, an applicant, or one whose booking ended with it. */
  get keepsAccess(): boolean { return this.isActive || this.state.cancelledWithAnnouncement; }
  snapshot(): BookingState { return this.state; }

  /** B7 */
  isVisibleTo(userId: string): boolean {
    return userId === this.state.guestId || userId === this.state.hostId;
  }

  /** B6: the host accepts or rejects a request (pending or waiting), or revokes an acceptance. */
  decide(actorId: string, to: 'accepted' | 'rejected', announcement: Announcement, now: Date): Result<DomainEvent[], DomainError> {
    if (actorId !== this.state.hostId) return err(domainError('BOOKING.FORBIDDEN'));
    const from = this.state.status;
    const legal = from === 'pending' || from === 'waitlisted' || (from === 'accepted' && to === 'rejected');
    if (!legal) return err(domainError('BOOKING.ILLEGAL_TRANSITION', { from, to }));
    if (announcement.isFinal) return err(domainError('ANNOUNCEMENT.FINAL', { status: announcement.status }));
    const seats: DomainEvent[] = [];
    if (to === 'accepted') {
      const taken = announcement.takeSeats(this.state.seats, now);
      if (taken.isErr()) return err(taken.error);
      seats.push(taken.value);
    } else if (from === 'accepted') {
      seats.push(announcement.releaseSeats(this.state.seats, now));
    }
    return ok([...seats, ...this.moveTo(to, now, true)]);
  }

  /** B6: only the guest cancels their own booking. S5: an accepted seat given up within 24 h of the start is a late cancellation. */
  cancel(actorId: string, announcement: Announcement, now: Date): Result<DomainEvent[], DomainError> {
    if (actorId !== this.state.guestId) return err(domainError('BOOKING.FORBIDDEN'));
    if (!this.isActive) return err(domainError('BOOKING.ILLEGAL_TRANSITION', { from: this.state.status, to: 'cancelled' }));
    if (announcement.isFinal) return err(domainError('ANNOUNCEMENT.FINAL', { status: announcement.status }));
    const accepted = this.state.status === 'accepted';
    const seats = accepted ? [announcement.releaseSeats(this.state.seats, now)] : [];
    const late = accepted && announcement.range.start.getTime() - now.getTime() < LATE_CANCELLATION_MS;
    const events = this.moveTo('cancelled', now, false);
    this.state = { ...this.state, cancelledLate: late };
    return ok([...seats, ...events]);
  }

  /**
   * S5: after the screening, for as long as ratings are open (§5: 14 days from the end), the host
   * says whether an accepted guest came; the word may be changed in that time. A guest marked
   * absent is told (`attendance.no_show`).
   */
  markAttendance(actorId: string, attended: boolean, announcement: Announcement, now: Date): Result<DomainEvent[], DomainError> {
    if (actorId !== this.state.hostId) return err(domainError('ANNOUNCEMENT.NOT_HOST'));
    if (this.state.status !== 'accepted') return err(domainError('ATTENDANCE.NOT_A_GUEST'));
    if (announcement.status !== 'done') return err(domainError('ATTENDANCE.NOT_YET', { status: announcement.status }));
    if (now.getTime() > ratingDeadline(announcement.snapshot()).getTime()) return err(domainError('ATTENDANCE.WINDOW_CLOSED'));
    const before = this.state.attended;
    this.state = { ...this.state, attended, updatedAt: now };
    return ok(attended === false && before !== false
      ? [{ type: 'MarkedNoShow', bookingId: this.id, announcementId: this.state.announcementId }] : []);
  }

  /**
   * A6: the screening was cancelled; the booking follows silently (its guest hears of the
   * cancellation). W3: a place on the waitlist expires instead.
   */
  cancelWithAnnouncement(now: Date): boolean {
    if (!this.isActive) return false;
    this.state = this.state.status === 'waitlisted'
      ? { ...this.state, status: 'expired', updatedAt: now, cancelledWithAnnouncement: true }
      : { ...this.state, status: 'cancelled', updatedAt: now, cancelledWithAnnouncement: true };
    return true;
  }

  /** W2: promoted from the waitlist to the seats that freed up (the policy decides who, promoteWaitlist). */
  promote(announcement: Announcement, now: Date): Result<DomainEvent[], DomainError> {
    if (this.state.status !== 'waitlisted') return err(domainError('BOOKING.ILLEGAL_TRANSITION', { from: this.state.status, to: 'accepted' }));
    const taken = announcement.takeSeats(this.state.seats, now);
    if (taken.isErr()) return err(taken.error);
    return ok([taken.value, ...this.moveTo('accepted', now, true)]);
  }

  /** W3: the screening started or is done while this waited; its guest is told. */
  expire(now: Date): DomainEvent[] {
    if (this.state.status !== 'waitlisted') return [];
    return this.moveTo('expired', now, false);
  }

  private moveTo(to: BookingStatus, now: Date, decided: boolean): DomainEvent[] {
    const from = this.state.status;
    this.state = { ...this.state, status: to, updatedAt: now, decidedAt: decided ? now : this.state.decidedAt };
    return [{ type: 'BookingStatusChanged', bookingId: this.id, announcementId: this.state.announcementId, from, to }];
  }
}
