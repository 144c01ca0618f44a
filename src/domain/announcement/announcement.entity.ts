import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../shared/domain-error.js';
import type { DomainEvent } from '../shared/domain-event.js';
import type { ShortLink } from '../shared/short-link.js';
import { TimeRange } from '../shared/time-range.js';
import { fieldIssues, normalisePlace, normaliseTags } from './announcement-validation.js';
import {
  ACTIVE_ANNOUNCEMENT_STATUSES, GUEST_RELEVANT_FIELDS,
  type AnnouncementChanges, type AnnouncementDraft, type AnnouncementState, type Film,
} from './announcement.types.js';
import { diffFields } from './announcement-diff.js';

export type NewAnnouncement = {
  readonly id: string;
  readonly hostId: string;
  readonly film: Film;
  readonly draft: AnnouncementDraft;
  readonly link: ShortLink;
  readonly now: Date;
};

/** One screening. Owns its seat count, so accepting a booking goes through here (B2). */
export class Announcement {
  private constructor(private state: AnnouncementState) {}

  static create(input: NewAnnouncement): Result<Announcement, DomainError> {
    const { draft, now } = input;
    const state: AnnouncementState = {
      id: input.id, hostId: input.hostId, film: input.film, title: draft.title, description: draft.description ?? '',
      startsAt: draft.startsAt, durationMinutes: draft.durationMinutes ?? input.film.durationMinutes, place: normalisePlace(draft.place),
      capacity: draft.capacity, privacy: draft.privacy ?? 'public', isFree: draft.isFree ?? true,
      tags: normaliseTags(draft.tags ?? []), approval: draft.approval ?? 'manual',
      status: 'open', seatsTaken: 0, shortCode: input.link.code, shortUrl: input.link.url, createdAt: now, updatedAt: now, version: 1,
      startSetAt: now,
    };
    const issues = fieldIssues(state);
    if (issues.length > 0) return err(domainError('ANNOUNCEMENT.INVALID', { issues }));
    if (draft.startsAt.getTime() <= now.getTime()) return err(domainError('ANNOUNCEMENT.STARTS_IN_PAST'));
    return ok(new Announcement(state));
  }

  static rehydrate(state: AnnouncementState): Announcement {
    return new Announcement(state);
  }

  get id(): string { return this.state.id; }
  get hostId(): string { return this.state.hostId; }
  get status() { return this.state.status; }
  get version(): number { return this.state.version; }
  get seatsLeft(): number { return this.state.capacity - this.state.seatsTaken; }
  get range(): TimeRange { return TimeRange.of(this.state.startsAt, this.state.durationMinutes); }
  get isActive(): boolean { return ACTIVE_ANNOUNCEMENT_STATUSES.includes(this.state.status); }
  get isFinal(): boolean { return !this.isActive; }
  snapshot(): AnnouncementState { return this.state; }

  isHostedBy(userId: string): boolean {
    return this.state.hostId === userId;
  }

  /** B5: only open screenings that have not started take new requests. */
  acceptsBookings(now: Date): boolean {
    return this.state.status === 'open' && now.getTime() < this.state.startsAt.getTime();
  }

  /**
   * A1, A3, A4, A6 and If-Match. Returns the notifications-worthy change, if any. Only the fields
   * a host may change are read from `changes`, one by one: a key it does not know is a type error
   * (`Exact`), and ignored at run time — the owner, the seats taken or the version never come in.
   */
  update<C extends AnnouncementChanges>(actorId: string, changes: Exact<C, AnnouncementChanges>, now: Date, expectedVersion?: number): Result<DomainEvent[], DomainError> {
    const guard = this.guardChange(actorId, expectedVersion);
    if (guard.isErr()) return err(guard.error);
    const s = this.state;
    if (changes.status !== undefined && changes.status !== 'open' && changes.status !== 'closed')
      return err(domainError('ANNOUNCEMENT.INVALID', { issues: [{ path: 'status', message: 'must be open or closed' }] }));
    const next: AnnouncementState = {
      ...s,
      title: changes.title ?? s.title,
      description: changes.description ?? s.description,
      startsAt: changes.startsAt ?? s.startsAt,
      durationMinutes: changes.durationMinutes ?? s.durationMinutes,
      place: changes.place ? normalisePlace(changes.place) : s.place,
      capacity: changes.capacity ?? s.capacity,
      privacy: changes.privacy ?? s.privacy,
      isFree: changes.isFree ?? s.isFree,
      tags: changes.tags ? normaliseTags(changes.tags) : s.tags,
      approval: changes.approval ?? s.approval,
      status: changes.status ?? s.status,
    };
    const issues = fieldIssues(next);
    if (issues.length > 0) return err(domainError('ANNOUNCEMENT.INVALID', { issues }));
    const moved = next.startsAt.getTime() !== s.startsAt.getTime();
    if (moved && next.startsAt.getTime() <= now.getTime()) return err(domainError('ANNOUNCEMENT.STARTS_IN_PAST'));
    if (next.capacity < s.seatsTaken)
      return err(domainError('ANNOUNCEMENT.CAPACITY_BELOW_TAKEN', { seatsTaken: s.seatsTaken }));
    const changed = diffFields(s, next, GUEST_RELEVANT_FIELDS);
    this.state = { ...next, updatedAt: now, version: s.version + 1, startSetAt: moved ? now : s.startSetAt };
    return ok(changed.length > 0 ? [{ type: 'AnnouncementUpdated', announcementId: this.id, changed }] : []);
  }

  /** A6: cancelling is final and frees every seat; the bookings follow (Booking.cancelWithAnnouncement). */
  cancel(actorId: string, now: Date, expectedVersion?: number): Result<DomainEvent[], DomainError> {
    const guard = this.guardChange(actorId, expectedVersion);
    if (guard.isErr()) return err(guard.error);
    this.state = { ...this.state, status: 'cancelled', seatsTaken: 0, updatedAt: now, version: this.state.version + 1 };
    return ok([{ type: 'AnnouncementCancelled', announcementId: this.id }]);
  }

  /** A7: the watcher calls this; it is a no-op until the screening has ended. */
  completeIfEnded(now: Date): boolean {
    if (!this.isActive || this.range.end.getTime() > now.getTime()) return false;
    this.state = { ...this.state, status: 'done', updatedAt: now, version: this.state.version + 1 };
    return true;
  }

  /** B2: seats are taken only here, and never beyond capacity. */
  takeSeats(seats: number, now: Date): Result<DomainEvent, DomainError> {
    if (seats > this.seatsLeft) return err(domainError('BOOKING.NO_SEATS_LEFT', { seatsLeft: this.seatsLeft }));
    return ok(this.countSeats(this.state.seatsTaken + seats, now));
  }

  /** Gives back seats an accepted booking held. More than were taken means the books are wrong: a bug, thrown. */
  releaseSeats(seats: number, now: Date): DomainEvent {
    if (seats > this.state.seatsTaken)
      throw new RangeError(`screening ${this.id}: releasing ${seats} seats of ${this.state.seatsTaken} taken`);
    return this.countSeats(this.state.seatsTaken - seats, now);
  }

  private countSeats(seatsTaken: number, now: Date): DomainEvent {
    this.state = { ...this.state, seatsTaken, updatedAt: now, version: this.state.version + 1 };
    return { type: 'SeatsChanged', announcementId: this.id, seatsTaken };
  }

  private guardChange(actorId: string, expectedVersion: number | undefined): Result<void, DomainError> {
    if (!this.isHostedBy(actorId)) return err(domainError('ANNOUNCEMENT.NOT_HOST'));
    if (expectedVersion !== undefined && expectedVersion !== this.state.version)
      return err(domainError('ANNOUNCEMENT.VERSION_MISMATCH', { currentVersion: this.state.version }));
    if (this.isFinal) return err(domainError('ANNOUNCEMENT.FINAL', { status: this.state.status }));
    return ok(undefined);
  }
}

/** `T`, refusing at compile time every key that `Shape` does not have. */
export type Exact<T, Shape> = T & { readonly [K in Exclude<keyof T, keyof Shape>]: never };
