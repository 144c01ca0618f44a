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

  async find(viewerId: string, announcementId: string): Promise<Result<VisibleAnnouncement, DomainError>> {
    const [announcement, myBooking] = await Promise.all([
      this.reads.announcements.byId(announcementId),
      this.reads.bookings.latestOf(announcementId, viewerId),
    ]);
    if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    const state = announcement.snapshot();
    const needsFriendship = state.privacy === 'friends' && !announcement.isHostedBy(viewerId) && !myBooking;
    const isFriendOfHost = needsFriendship && (await this.users.friendsOf(state.hostId)).includes(viewerId);
    const visible = isVisibleTo(state, { userId: viewerId, isFriendOfHost, hasBooking: myBooking !== null });
    return visible ? ok({ announcement, myBooking }) : err(domainError('ANNOUNCEMENT.NOT_FOUND'));
  }

  /** A1: the host may change it; anyone else who can see it is refused, anyone else gets 404. */
  async findAsHost(actorId: string, announcementId: string): Promise<Result<Announcement, DomainError>> {
    const found = await this.find(actorId, announcementId);
    if (found.isErr()) return err(found.error);
    const { announcement } = found.value;
    return announcement.isHostedBy(actorId) ? ok(announcement) : err(domainError('ANNOUNCEMENT.NOT_HOST'));
  }
}
