import { err, ok, type Result } from 'neverthrow';
import {
  domainError, invitationStands, isVisibleTo, type Announcement, type AnnouncementState, type Booking, type DomainError, type Invitation,
} from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { ReadStores } from '../ports/unit-of-work.port.js';
import type { People } from './people.js';

/** What A5 and S3 depend on besides the host's friends, as a request reads it under its locks. */
export type ViewerFacts = { readonly blocked: boolean; readonly myBooking: Booking | null; readonly invitation: Invitation | null };

export type VisibleAnnouncement = { readonly announcement: Announcement; readonly myBooking: Booking | null };

/**
 * A5 and S3 as the use cases need them: a screening the viewer may not see does not exist for them.
 * The rule is the domain's (`isVisibleTo`); this only fetches what it depends on, and only
 * when it depends on it — the viewer's booking, an invitation, then the host's friends.
 */
export class AnnouncementAccess {
  constructor(
    private readonly reads: ReadStores,
    private readonly people: People,
    private readonly clock: Clock,
  ) {}

  /** The screening and the viewer's latest booking on it (GET shows both), if the viewer may see it. */
  async find(viewerId: string, announcementId: string): Promise<Result<VisibleAnnouncement, DomainError>> {
    const [announcement, myBooking] = await Promise.all([
      this.reads.announcements.byId(announcementId),
      this.reads.bookings.latestOf(announcementId, viewerId),
    ]);
    if (!announcement || !(await this.sees(announcement, viewerId, async () => myBooking))) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    return ok({ announcement, myBooking });
  }

  /** The screening if the viewer may see it. */
  async visible(viewerId: string, announcementId: string): Promise<Result<Announcement, DomainError>> {
    const announcement = await this.reads.announcements.byId(announcementId);
    const sees = announcement && (await this.sees(announcement, viewerId, () => this.reads.bookings.latestOf(announcementId, viewerId)));
    return sees ? ok(announcement) : err(domainError('ANNOUNCEMENT.NOT_FOUND'));
  }

  /** A1: the host may change it; anyone else who can see it is refused, anyone else gets 404. */
  async findAsHost(actorId: string, announcementId: string): Promise<Result<Announcement, DomainError>> {
    const found = await this.visible(actorId, announcementId);
    if (found.isErr()) return err(found.error);
    return found.value.isHostedBy(actorId) ? ok(found.value) : err(domainError('ANNOUNCEMENT.NOT_HOST'));
  }

  /**
   * The same rule on facts already read (a booking request reads them in one round trip, under
   * its locks). 'ask-friends' when only the host's friends can tell: the caller asks the user
   * service outside its transaction and judges again with `friendsOfHost`.
   */
  judge(state: AnnouncementState, viewerId: string, facts: ViewerFacts, friendsOfHost?: readonly string[]): boolean | 'ask-friends' {
    const viewer = {
      userId: viewerId, blocked: facts.blocked, keepsAccess: facts.myBooking?.keepsAccess ?? false,
      invited: invitationStands(facts.invitation, state, this.clock.now()), isFriendOfHost: friendsOfHost?.includes(viewerId) ?? false,
    };
    if (isVisibleTo(state, viewer)) return true;
    return isVisibleTo(state, { ...viewer, isFriendOfHost: true }) && friendsOfHost === undefined ? 'ask-friends' : false;
  }

  private async sees(announcement: Announcement, viewerId: string, myBooking: () => Promise<Booking | null>): Promise<boolean> {
    const state = announcement.snapshot();
    if (state.hostId === viewerId) return true;
    const viewer = { userId: viewerId, isFriendOfHost: false, keepsAccess: false, blocked: await this.reads.blocks.between(viewerId, state.hostId) };
    if (isVisibleTo(state, viewer)) return true;
    const keepsAccess = (await myBooking())?.keepsAccess ?? false;
    if (isVisibleTo(state, { ...viewer, keepsAccess })) return true;
    const invited = invitationStands(await this.reads.invites.invitationOf(state.id, viewerId), state, this.clock.now());
    if (isVisibleTo(state, { ...viewer, keepsAccess, invited })) return true;
    // When the user service cannot say, nobody is taken for a friend: the screening stays hidden (fail closed).
    const isFriendOfHost = (await this.people.friendsOf(state.hostId)).includes(viewerId);
    return isVisibleTo(state, { ...viewer, keepsAccess, invited, isFriendOfHost });
  }
}
