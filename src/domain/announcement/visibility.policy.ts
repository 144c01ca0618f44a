import type { AnnouncementState } from './announcement.types.js';

/** What the core knows about the viewer's relationship to a screening's host. */
export type Viewer = {
  readonly userId: string;
  /** Does the user service list the viewer among the host's friends? */
  readonly isFriendOfHost: boolean;
  /** Has the viewer ever asked for a seat here (any status)? */
  readonly hasBooking: boolean;
};

/**
 * A5: a friends-only screening exists only for its host, the host's friends and the people
 * who already hold a booking on it — including ones that were cancelled with it (A6).
 * Whoever may see it may ask for a seat (the other booking rules still apply).
 */
export const isVisibleTo = (announcement: Pick<AnnouncementState, 'privacy' | 'hostId'>, viewer: Viewer): boolean =>
  announcement.privacy === 'public' ||
  announcement.hostId === viewer.userId ||
  viewer.isFriendOfHost ||
  viewer.hasBooking;

