import type { AnnouncementState, RatingRole, Reliability, UserRating } from '../../domain/index.js';

/** One rating a participant may still give: whom, as what, at which screening. */
export type PendingRating = { readonly announcement: AnnouncementState; readonly rateeId: string; readonly as: RatingRole };

/** S6: a rating with a comment, as a reference on the ratee's page. */
export type Review = {
  readonly announcementId: string;
  readonly raterId: string;
  readonly score: number;
  readonly comment: string;
  /** The side of the ratee's rating it counts towards. */
  readonly as: RatingRole;
  readonly createdAt: Date;
};

/** Where a page of reviews continues: the last one's time, screening and rater. */
export type ReviewKey = { readonly createdAt: string; readonly announcementId: string; readonly raterId: string };

export interface RatingReader {
  /** Both sides of each user's rating; users nobody rated get the prior. */
  ofUsers(userIds: readonly string[]): Promise<ReadonlyMap<string, UserRating>>;
  /**
   * The ratings the user may still give: screenings that are done and ended after `endedAfter`,
   * where the user was the host or an accepted guest, each person not yet rated; by end, newest first.
   */
  pendingFor(userId: string, endedAfter: Date, limit: number): Promise<PendingRating[]>;
  /** S6: the ratings of the user that carry a comment, newest first, after the key of the last one shown. */
  reviewsOf(userId: string, limit: number, after?: ReviewKey): Promise<Review[]>;
  /** S5: each user's record as a guest; users with none get zeros. */
  reliabilityOf(userIds: readonly string[]): Promise<ReadonlyMap<string, Reliability>>;
}
