import { ratingDeadline, type AnnouncementState, type RatingState } from '../../domain/index.js';

/** A rating as its rater sees it, with the moment it stops being changeable. */
export type RatingView = RatingState & { readonly changeableUntil: Date };

export const ratingView = (r: RatingState, announcement: Pick<AnnouncementState, 'startsAt' | 'durationMinutes'>): RatingView => ({
  announcementId: r.announcementId,
  raterId: r.raterId,
  rateeId: r.rateeId,
  as: r.as,
  score: r.score,
  comment: r.comment,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  changeableUntil: ratingDeadline(announcement),
});
