import type { AnnouncementState, BookingState, Notification, RatingState, Report } from '../../domain/index.js';
import type { Block, InviteLink, StoredResponse, TimeKey } from '../../application/index.js';

/** A rating as kept: seeded rows (contract suites) may leave out what only the write side fills in. */
export type RatingRow = Pick<RatingState, 'announcementId' | 'raterId' | 'rateeId' | 'as' | 'score'>
  & Partial<Pick<RatingState, 'comment' | 'createdAt' | 'updatedAt'>>;

export const ratingKey = (announcementId: string, raterId: string, rateeId: string): string => `${announcementId}/${raterId}/${rateeId}`;

/** A notification and where its delivery stands (the outbox is the dispatcher's queue). */
export type StoredNotification = Notification & {
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly deliveredAt: Date | null;
  readonly deadAt: Date | null;
  readonly lastError: string | null;
};

export type IdempotencyRow = {
  readonly fingerprint: string;
  readonly createdAt: Date;
  readonly response: StoredResponse | null;
};

type Undo = () => void;

/**
 * Everything the embedded adapters keep, in one process. Transactions run one at a time
 * (a mutex), and each write records how to undo itself, so a failed use case leaves no trace.
 */
export class MemoryDatabase {
  readonly announcements = new Map<string, AnnouncementState>();
  readonly bookings = new Map<string, BookingState>();
  readonly notifications = new Map<string, StoredNotification>();
  /** Each recipient's read mark (Inbox.markRead): kept outside transactions, as it is the reader's own. */
  readonly readMarks = new Map<string, TimeKey>();
  readonly idempotency = new Map<string, IdempotencyRow>();
  readonly ratings = new Map<string, RatingRow>();
  /** Calendar feed secrets: the live secret of each user, and whose each secret is. */
  readonly feedSecrets = new Map<string, string>();
  readonly feedOwners = new Map<string, string>();
  /** Blocks by `blocker/blocked`, and reports by id. */
  readonly blocks = new Map<string, Block>();
  readonly reports = new Map<string, Report>();
  /** Invite links by id (with their token's hash), and invitations by `announcement/user`. */
  readonly inviteLinks = new Map<string, InviteLink & { readonly tokenHash: string }>();
  readonly invitations = new Map<string, { readonly announcementId: string; readonly userId: string; readonly linkId: string | null; readonly createdAt: Date }>();

  /** The notification without its delivery state, as the outbox handed it in. */
  messageOf(stored: StoredNotification): Notification {
    const { attempts: _a, nextAttemptAt: _n, deliveredAt: _d, deadAt: _x, lastError: _e, ...notification } = stored;
    return notification;
  }

  /** The outbox's unique reminder key: one per person, kind and start time. */
  hasReminder(announcementId: string, recipientId: string, type: string, reminderFor: Date): boolean {
    for (const n of this.notifications.values())
      if (n.announcementId === announcementId && n.recipientId === recipientId && n.type === type && n.reminderFor?.getTime() === reminderFor.getTime())
        return true;
    return false;
  }

  private tail: Promise<unknown> = Promise.resolve();
  private undoLog: Undo[] | null = null;
  /** Announcements whose bookings this transaction wrote, for the commit-time seat check. */
  readonly touchedAnnouncements = new Set<string>();

  /** Runs `work` alone; `work` returns whether to keep its writes. */
  exclusive<T>(work: () => Promise<{ keep: boolean; value: T }>): Promise<T> {
    const run = async (): Promise<T> => {
      this.undoLog = [];
      this.touchedAnnouncements.clear();
      try {
        const { keep, value } = await work();
        if (!keep) this.rollback();
        return value;
      } catch (error) {
        this.rollback();
        throw error;
      } finally {
        this.undoLog = null;
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** A repository's save: inserting over an existing row, or updating a missing one, is a bug. */
  save<V>(table: Map<string, V>, key: string, value: V, isNew: boolean): void {
    if (isNew === table.has(key)) throw new Error(`${key}: isNew=${isNew} but it ${isNew ? 'exists' : 'does not exist'}`);
    this.write(table, key, value);
  }

  write<K, V>(table: Map<K, V>, key: K, value: V): void {
    const had = table.has(key);
    const before = table.get(key);
    table.set(key, value);
    this.undoLog?.push(() => (had ? table.set(key, before as V) : table.delete(key)));
  }

  delete<K, V>(table: Map<K, V>, key: K): void {
    if (!table.has(key)) return;
    const before = table.get(key) as V;
    table.delete(key);
    this.undoLog?.push(() => table.set(key, before));
  }

  private rollback(): void {
    const log = this.undoLog ?? [];
    for (let i = log.length - 1; i >= 0; i -= 1) log[i]!();
  }
}
