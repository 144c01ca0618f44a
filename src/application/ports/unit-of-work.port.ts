import type { Result } from 'neverthrow';
import type { DomainError } from '../../domain/index.js';
import type { AnnouncementRepository } from './announcement-repository.port.js';
import type { BlockRepository } from './block-repository.port.js';
import type { BookingRepository } from './booking-repository.port.js';
import type { CommitmentRepository } from './commitment-repository.port.js';
import type { DetailReader } from './detail-reader.port.js';
import type { InviteRepository } from './invite-repository.port.js';
import type { Outbox } from './outbox.port.js';
import type { RatingRepository } from './rating-repository.port.js';
import type { ReportRepository } from './report-repository.port.js';

export type Stores = {
  readonly announcements: AnnouncementRepository;
  readonly bookings: BookingRepository;
  readonly commitments: CommitmentRepository;
  readonly outbox: Outbox;
  readonly ratings: RatingRepository;
  readonly blocks: BlockRepository;
  readonly reports: ReportRepository;
  readonly invites: InviteRepository;
  readonly details: DetailReader;
};

export type ReadStores = Pick<Stores, 'announcements' | 'bookings' | 'ratings' | 'blocks' | 'invites' | 'details'>;

export interface UnitOfWork {
  /**
   * One transaction: commits when `work` returns Ok, rolls back on Err or a throw. A rule the
   * database checks only at commit comes back as the domain error it stands for.
   */
  transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>>;
  /**
   * The same repositories outside any transaction, for reads. Its detail reader may answer from
   * reads kept between requests, once the backend has checked that nothing they show has changed.
   */
  readonly reads: ReadStores;
  /**
   * Reads outside a transaction whose statements, issued together (`Promise.all`), reach the
   * database in one round trip where the backend can (a detail read: RULES §6).
   */
  readTogether<T>(work: (reads: ReadStores) => Promise<T>): Promise<T>;
}
