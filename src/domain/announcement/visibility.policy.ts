import type { AnnouncementState } from './announcement.types.js';

/** What the core knows about the viewer's relationship to a screening's host. */
export type Viewer = {
  readonly userId: string;
  /** Does the user service list the viewer among the host's friends? */
  readonly isFriendOfHost: boolean;
  /** Does the viewer hold a booking here that keeps access (Booking.keepsAccess)? */
  readonly keepsAccess: boolean;
  /** Has either blocked the other (S3)? */
  readonly blocked?: boolean;
};

/**
 * A5 and S3, the one place they are decided. A block between the viewer and the host, made by
 * either, hides every screening of the host from the viewer — and the viewer's from the host,
 * by the same rule seen from the other side. Otherwise: a friends-only screening exists only for its host, the
 * host's friends, its participants and applicants — and the guests whose bookings ended with
 * it when it was cancelled (A6). A guest who was rejected or left is no longer among them.
 * Whoever may see it may ask for a seat (the other booking rules still apply).
 */
export const isVisibleTo = (announcement: Pick<AnnouncementState, 'privacy' | 'hostId'>, viewer: Viewer): boolean =>
  announcement.hostId === viewer.userId ||
  (!viewer.blocked && (announcement.privacy === 'public' || viewer.isFriendOfHost || viewer.keepsAccess));
