import { ratingDeadline, type AnnouncementState, type RatingState } from '../../domain/index.js';

/** A rating as its rater sees it, with the moment it stops being changeable. */
export type RatingView = RatingState & { readonly changeableUntil: Date };

export const ratingView = (rating: RatingState, announcement: Pick<AnnouncementState, 'startsAt' | 'durationMinutes'>): RatingView => ({
  ...rating,
  changeableUntil: ratingDeadline(announcement),
});
