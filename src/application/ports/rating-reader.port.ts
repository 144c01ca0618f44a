import type { AnnouncementState, RatingRole, UserRating } from '../../domain/index.js';

/** One rating a participant may still give: whom, as what, at which screening. */
export type PendingRating = { readonly announcement: AnnouncementState; readonly rateeId: string; readonly as: RatingRole };

export interface RatingReader {
  /** Both sides of each user's rating; users nobody rated get the prior. */
  ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>>;
  /**
   * The ratings the user may still give: screenings that are done and ended after `endedAfter`,
   * where the user was the host or an accepted guest, each person not yet rated; by end, newest first.
   */
  pendingFor(userId: string, endedAfter: Date, limit: number): Promise<PendingRating[]>;
}
