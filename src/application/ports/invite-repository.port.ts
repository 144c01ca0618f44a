import type { Invitation } from '../../domain/index.js';

/** An invite link (RULES §10 I1): its token is never stored, only the token's hash. */
export type InviteLink = {
  readonly id: string;
  readonly announcementId: string;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
};

export interface InviteRepository {
  /** Stores a new link under the hash of its token. */
  add(link: InviteLink, tokenHash: string): Promise<void>;
  byTokenHash(tokenHash: string): Promise<InviteLink | null>;
  /** The screening's links, oldest first, revoked ones included. */
  ofAnnouncement(announcementId: string): Promise<InviteLink[]>;
  /** Revokes the link (once: a second revocation keeps the first time). */
  revoke(id: string, now: Date): Promise<void>;
  /**
   * Records that the user is invited: by the host (`linkId` null, I2), or by opening a link (I1).
   * A direct invitation is never narrowed to a link; a link replaces an earlier link. True when
   * the user was not invited this way before (a direct invitation where there was none or only
   * a link's; a link's where there was nothing).
   */
  invite(announcementId: string, userId: string, linkId: string | null, now: Date): Promise<boolean>;
  /** How the user is invited to the screening, if at all. */
  invitationOf(announcementId: string, userId: string): Promise<Invitation | null>;
}
