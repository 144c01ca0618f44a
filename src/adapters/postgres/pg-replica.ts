import type { Result } from 'neverthrow';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { DomainError } from '../../domain/index.js';
import { StorageUnavailableError, type AnnouncementSearch, type ReadPositions, type ReadStores, type SearchCriteria, type SearchHit, type Stores, type UnitOfWork } from '../../application/index.js';
import { currentRequest } from '../request-context.js';
import { isConnectionError, WAL_POSITION, walOffset } from './pg-client.js';
import type { RequestTransactions } from './pg-request-transaction.js';

/** How often a read that waits for the replica asks it again how far it has replayed. */
const POLL_MS = 5;

export type ReplicaOptions = {
  /** How long a read that must see a position waits for the replica before it goes to the primary. */
  readonly waitMs: number;
  readonly logger?: Logger;
};

/**
 * Search and detail reads on a streaming replica (READ_DATABASE_URL), with read-your-writes:
 * a write's answer carries the primary's WAL position after its commit (`WT-Read-After`), and
 * a read that sends it back goes to the replica only once the replica has replayed that far —
 * it waits up to `waitMs` for it, then reads on the primary. A read without a position reads
 * the replica as it is (some milliseconds behind). A replica that cannot be reached sends its
 * reads to the primary. A READ_DATABASE_URL naming a primary (no recovery) is always current.
 */
export class ReplicaRouting implements ReadPositions {
  /** How far the replica is known to have replayed; only ever grows. */
  private replayed = -1n;
  /** One question to the replica at a time, however many reads wait on it. */
  private asking: Promise<void> | undefined;

  constructor(
    private readonly primary: Pool,
    readonly replica: Pool,
    private readonly options: ReplicaOptions,
  ) {}

  /**
   * Where the primary's WAL stands after the request's write: as its commit reported it (the
   * primary pool reports positions: reportCommitPositionsOn), else asked now — at or past the
   * commit record either way.
   */
  async written(): Promise<string> {
    return currentRequest()?.written ?? (await this.primary.query<{ lsn: string }>(WAL_POSITION)).rows[0]!.lsn;
  }

  /** Whether a read that must see `position` may go to the replica (waiting for it up to `waitMs`). */
  async replicaHas(position: string | undefined): Promise<boolean> {
    if (position === undefined) return true;
    const needed = walOffset(position);
    const until = Date.now() + this.options.waitMs;
    for (;;) {
      if (this.replayed >= needed) return true;
      try {
        await (this.asking ??= this.ask().finally(() => (this.asking = undefined)));
      } catch {
        return false;
      }
      if (this.replayed >= needed) return true;
      if (Date.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Runs a read on the replica when it may go there, else (or when the replica is away) on the primary. */
  async read<T>(onPrimary: () => Promise<T>, onReplica: () => Promise<T>): Promise<T> {
    if (!(await this.replicaHas(currentRequest()?.readAfter))) return onPrimary();
    try {
      return await onReplica();
    } catch (error) {
      if (!(error instanceof StorageUnavailableError) && !isConnectionError(error)) throw error;
      this.options.logger?.warn({ err: error }, 'read replica unavailable: reading on the primary');
      return onPrimary();
    }
  }

  private async ask(): Promise<void> {
    const { replay } = (await this.replica.query<{ replay: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS replay')).rows[0]!;
    // NULL: not a standby, so it is the primary itself and has everything.
    const offset = replay === null ? BigInt('0xFFFFFFFFFFFFFFFF') : walOffset(replay);
    if (offset > this.replayed) this.replayed = offset;
  }
}

/** Searches on the replica (ReplicaRouting). */
export class ReplicaSearch implements AnnouncementSearch {
  constructor(
    private readonly primary: AnnouncementSearch,
    private readonly replica: AnnouncementSearch,
    private readonly routing: ReplicaRouting,
  ) {}

  search(c: SearchCriteria): Promise<SearchHit[]> {
    return this.routing.read(() => this.primary.search(c), () => this.replica.search(c));
  }
}

/** Transactions and plain reads on the primary; detail reads and reads together on the replica (ReplicaRouting). */
export class ReplicaUnitOfWork implements UnitOfWork {
  /** The primary's, but for detail reads, which go where searches go (and, inside a held transaction, there). */
  readonly reads: ReadStores;

  constructor(
    private readonly primary: UnitOfWork,
    private readonly replica: UnitOfWork,
    private readonly routing: ReplicaRouting,
    private readonly requests: RequestTransactions,
  ) {
    this.reads = {
      ...primary.reads,
      details: { of: (announcementId, viewerId) => this.read((uow) => uow.reads.details.of(announcementId, viewerId)) },
    };
  }

  transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>> {
    return this.primary.transaction(work);
  }

  readTogether<T>(work: (reads: ReadStores) => Promise<T>): Promise<T> {
    return this.read((uow) => uow.readTogether(work));
  }

  /** On the replica when ReplicaRouting lets it; on the primary inside a request that holds its write transaction open, whose reads must see it. */
  private read<T>(on: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    if (this.requests.held) return on(this.primary);
    return this.routing.read(() => on(this.primary), () => on(this.replica));
  }
}
