import { err, ok, type Result } from 'neverthrow';
import { domainError, isVisibleTo, type Announcement, type Booking, type DomainError } from '../../domain/index.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { UserDirectory } from '../ports/user-directory.port.js';

export type VisibleAnnouncement = { readonly announcement: Announcement; readonly myBooking: Booking | null };

/** A5 in one place: a screening the viewer may not see does not exist for them. */
export class AnnouncementAccess {
  constructor(
    private readonly reads: ReadStores,
    private readonly users: UserDirectory,
  ) {}

  /** The screening and the viewer's latest booking on it (GET shows both), if the viewer may see it. */
  async find(viewerId: string, announcementId: string): Promise<Result<VisibleAnnouncement, DomainError>> {
    const [announcement, myBooking] = await Promise.all([
      this.reads.announcements.byId(announcementId),
      this.reads.bookings.latestOf(announcementId, viewerId),
    ]);
    if (!announcement || !(await this.sees(announcement, viewerId, myBooking !== null)))
      return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    return ok({ announcement, myBooking });
  }

  /** The screening if the viewer may see it; the booking lookup happens only when visibility needs it. */
  async visible(viewerId: string, announcementId: string): Promise<Result<Announcement, DomainError>> {
    const announcement = await this.reads.announcements.byId(announcementId);
    if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    if (announcement.snapshot().privacy === 'public' || announcement.isHostedBy(viewerId)) return ok(announcement);
    const hasBooking = (await this.reads.bookings.latestOf(announcementId, viewerId)) !== null;
    return (await this.sees(announcement, viewerId, hasBooking)) ? ok(announcement) : err(domainError('ANNOUNCEMENT.NOT_FOUND'));
  }

  /** A1: the host may change it; anyone else who can see it is refused, anyone else gets 404. */
  async findAsHost(actorId: string, announcementId: string): Promise<Result<Announcement, DomainError>> {
    const found = await this.visible(actorId, announcementId);
    if (found.isErr()) return err(found.error);
    return found.value.isHostedBy(actorId) ? ok(found.value) : err(domainError('ANNOUNCEMENT.NOT_HOST'));
  }

  /** A5, asking the user service only when the answer depends on friendship. */
  private async sees(announcement: Announcement, viewerId: string, hasBooking: boolean): Promise<boolean> {
    const state = announcement.snapshot();
    const needsFriendship = state.privacy === 'friends' && !announcement.isHostedBy(viewerId) && !hasBooking;
    const isFriendOfHost = needsFriendship && (await this.users.friendsOf(state.hostId)).includes(viewerId);
    return isVisibleTo(state, { userId: viewerId, isFriendOfHost, hasBooking });
  }
}
