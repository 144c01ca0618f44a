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
  /** Is the viewer invited to this screening (I1, I2), by the host or through a live link (invitationStands)? */
  readonly invited?: boolean;
};

/**
 * A5 and S3, the one place they are decided. A block between the viewer and the host, made by
 * either, hides every screening of the host from the viewer — and the viewer's from the host,
 * by the same rule seen from the other side. Otherwise: a friends-only screening exists only for its host, the
 * host's friends, its participants and applicants — and the guests whose bookings ended with
 * it when it was cancelled (A6) — and those the host invited (I2) or who hold a live invite link
 * for it (I1). A guest who was rejected or left is no longer among them.
 * Whoever may see it may ask for a seat (the other booking rules still apply).
 */
export const isVisibleTo = (announcement: Pick<AnnouncementState, 'privacy' | 'hostId'>, viewer: Viewer): boolean =>
  announcement.hostId === viewer.userId ||
  (!viewer.blocked && (announcement.privacy === 'public' || viewer.isFriendOfHost || viewer.keepsAccess || viewer.invited === true));

/** How a user came to be invited to a screening: by the host by name (I2), or by opening one of its links (I1). */
export type Invitation =
  | { readonly kind: 'direct' }
  | { readonly kind: 'link'; readonly linkRevoked: boolean };

/**
 * I1 and I2: whether an invitation lets its holder see and ask for the screening now. A direct
 * invitation stands; a link dies with its revocation or the screening's start — holding one
 * counts only for that screening, and only while it lives.
 */
export const invitationStands = (invitation: Invitation | null, announcement: Pick<AnnouncementState, 'startsAt'>, now: Date): boolean =>
  invitation !== null && (invitation.kind === 'direct' || (!invitation.linkRevoked && isLinkAlive(announcement, now)));

/** I1: a link opens a screening until it starts (its revocation is the link's own). */
export const isLinkAlive = (announcement: Pick<AnnouncementState, 'startsAt'>, now: Date): boolean =>
  now.getTime() < announcement.startsAt.getTime();
