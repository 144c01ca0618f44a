import { err, type Result } from 'neverthrow';
import type { Pool, PoolClient } from 'pg';
import type { DomainError } from '../../domain/index.js';
import type { ReadStores, Stores, UnitOfWork } from '../../application/index.js';
import { PgAnnouncementRepository } from './pg-announcement.repository.js';
import { PgBookingRepository } from './pg-booking.repository.js';
import { unavailable, type Queryable } from './pg-client.js';
import { PgCommitmentRepository } from './pg-commitment.repository.js';
import { constraintError } from './pg-constraints.js';
import { PgNotifications } from './pg-notifications.js';
import { PgRatingRepository } from './pg-rating.repository.js';

const storesOn = (db: Queryable): Stores => ({
  announcements: new PgAnnouncementRepository(db),
  bookings: new PgBookingRepository(db),
  commitments: new PgCommitmentRepository(db),
  outbox: new PgNotifications(db),
  ratings: new PgRatingRepository(db),
});

/** READ COMMITTED plus explicit row and advisory locks (see docs/ARCHITECTURE.md, "No oversell"). */
export class PgUnitOfWork implements UnitOfWork {
  readonly reads: ReadStores;

  constructor(private readonly pool: Pool) {
    this.reads = storesOn(pool);
  }

  async transaction<T, E>(work: (stores: Stores) => Promise<Result<T, E>>): Promise<Result<T, E | DomainError>> {
    let client: PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw unavailable(error);
    }
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(storesOn(client));
      if (result.isErr()) {
        await client.query('ROLLBACK');
        return result;
      }
      try {
        await client.query('COMMIT');
      } catch (error) {
        // Deferred constraints (B2's seat check) speak only at commit.
        const rule = constraintError(error);
        if (rule) return err(rule);
        throw error;
      }
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw unavailable(error);
    } finally {
      client.release(broken);
    }
  }
}
