import type { Result } from 'neverthrow';
import type { Announcement, DomainError } from '../../domain/index.js';

export type Lock = 'for-update';

export interface AnnouncementRepository {
  /** With `for-update`, the row stays locked until the transaction ends (lock order: see ARCHITECTURE). */
  byId(id: string, lock?: Lock): Promise<Announcement | null>;
  /** A constraint the database enforces comes back as the domain error the core would give. */
  save(announcement: Announcement, isNew: boolean): Promise<Result<void, DomainError>>;
  /**
   * Saves a screening whose only change is its seat count (B2), locked in this transaction. The
   * write may wait for the commit; a rule it breaks then fails the transaction with its error.
   */
  saveSeats(announcement: Announcement): Promise<void>;
  /** Active screenings whose end has passed (A7), oldest first. */
  endedBy(now: Date, limit: number): Promise<string[]>;
  /** S3: the host's open and closed screenings, locked in id order (the lock order's first step, for many screenings at once). */
  activeOfHost(hostId: string, lock: Lock): Promise<Announcement[]>;
}
