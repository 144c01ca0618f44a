import type { Commitment, TimeRange } from '../../domain/index.js';

/** Users' time, across the screenings they host and attend (A2, B3). */
export interface CommitmentRepository {
  /** Serialises schedule changes of these users until the transaction ends. */
  lockUsers(userIds: readonly string[]): Promise<void>;
  /** Active commitments of these users that overlap `range`. */
  overlapping(userIds: readonly string[], range: TimeRange): Promise<Commitment[]>;
  /**
   * Active commitments of these users that overlap the screening's time (none when there is no
   * such screening): a read that needs no answer from the screening's own, so it can travel with it.
   */
  overlappingScreening(userIds: readonly string[], announcementId: string): Promise<Commitment[]>;
}
