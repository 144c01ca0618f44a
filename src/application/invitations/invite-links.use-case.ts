import { err, ok, type Result } from 'neverthrow';
import { domainError, isLinkAlive, type Announcement, type DomainError } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { InviteLink } from '../ports/invite-repository.port.js';
import type { InviteTokens } from '../ports/invite-tokens.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import type { AnnouncementDetail, BookingView } from '../shared/views.js';
import type { CreateBooking, CreateBookingCommand } from '../bookings/create-booking.use-case.js';

export type InviteLinkView = {
  readonly token: string;
  /** The page a guest opens: `{publicBaseUrl}/invites/{token}`. */
  readonly url: string;
  readonly announcementId: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  /** Neither revoked nor past the screening's start. */
  readonly live: boolean;
};

/** A screening open to invitations: neither over nor started (I1, I2). */
export const invitationsOpen = (announcement: Announcement, now: Date): Result<void, DomainError> =>
  announcement.isFinal || !isLinkAlive(announcement.snapshot(), now)
    ? err(domainError('INVITE.CLOSED', { status: announcement.status }))
    : ok(undefined);

/**
 * RULES §10 I1: invite links. The host makes any number for a screening, lists and revokes
 * them; whoever opens a live one sees the screening, even friends-only, and may ask for seats
 * through it. Only each token's hash is stored; the list shows the links again because a token
 * is derived from the link's id with the service's secret (InviteTokens).
 */
export class InviteLinks {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly details: AnnouncementDetails,
    private readonly createBooking: CreateBooking,
    private readonly tokens: InviteTokens,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
    private readonly publicBaseUrl: string,
  ) {}

  async create(hostId: string, announcementId: string): Promise<Result<InviteLinkView, DomainError>> {
    const found = await this.access.findAsHost(hostId, announcementId);
    if (found.isErr()) return err(found.error);
    const now = this.clock.now();
    const open = invitationsOpen(found.value, now);
    if (open.isErr()) return err(open.error);
    const link: InviteLink = { id: this.ids.next(), announcementId, createdBy: hostId, createdAt: now, revokedAt: null };
    const token = this.tokens.tokenOf(link.id);
    const added = await this.uow.transaction(async ({ invites }) => ok(await invites.add(link, this.tokens.hashOf(token)!)));
    if (added.isErr()) return err(added.error);
    return ok(this.view(link, found.value, now));
  }

  async list(hostId: string, announcementId: string): Promise<Result<InviteLinkView[], DomainError>> {
    const found = await this.access.findAsHost(hostId, announcementId);
    if (found.isErr()) return err(found.error);
    const now = this.clock.now();
    return ok((await this.uow.reads.invites.ofAnnouncement(announcementId)).map((link) => this.view(link, found.value, now)));
  }

  /** Only the host revokes; to anyone else who may not see the screening the link does not exist. */
  async revoke(actorId: string, token: string): Promise<Result<void, DomainError>> {
    const link = await this.linkOf(token);
    if (!link) return err(domainError('INVITE.NOT_FOUND'));
    const found = await this.access.findAsHost(actorId, link.announcementId);
    if (found.isErr()) return err(found.error.code === 'ANNOUNCEMENT.NOT_FOUND' ? domainError('INVITE.NOT_FOUND') : found.error);
    const now = this.clock.now();
    return this.uow.transaction(async ({ invites }) => ok(await invites.revoke(link.id, now)));
  }

  /** Opens a live link: the holder is invited to that screening (and only it), and sees it. */
  async open(viewerId: string, token: string): Promise<Result<AnnouncementDetail, DomainError>> {
    const admitted = await this.admit(viewerId, token);
    if (admitted.isErr()) return err(admitted.error);
    const found = await this.access.find(viewerId, admitted.value);
    if (found.isErr()) return err(domainError('INVITE.NOT_FOUND'));
    return ok(await this.details.of(found.value.announcement, found.value.myBooking, viewerId));
  }

  /** Asks for seats through a live link. */
  async book(viewerId: string, token: string, command: Omit<CreateBookingCommand, 'guestId' | 'announcementId'>): Promise<Result<BookingView, DomainError>> {
    const admitted = await this.admit(viewerId, token);
    if (admitted.isErr()) return err(admitted.error);
    const booked = await this.createBooking.execute({ ...command, guestId: viewerId, announcementId: admitted.value });
    return booked.isErr() && booked.error.code === 'ANNOUNCEMENT.NOT_FOUND' ? err(domainError('INVITE.NOT_FOUND')) : booked;
  }

  /** The screening a live link opens, once its holder is recorded as invited; a block between them and the host hides it. */
  private async admit(viewerId: string, token: string): Promise<Result<string, DomainError>> {
    const link = await this.linkOf(token);
    const announcement = link && (await this.uow.reads.announcements.byId(link.announcementId));
    if (!link || !announcement) return err(domainError('INVITE.NOT_FOUND'));
    if (announcement.isHostedBy(viewerId)) return ok(announcement.id);
    if (await this.uow.reads.blocks.between(viewerId, announcement.hostId)) return err(domainError('INVITE.NOT_FOUND'));
    const now = this.clock.now();
    if (link.revokedAt !== null || announcement.isFinal || !isLinkAlive(announcement.snapshot(), now)) return err(domainError('INVITE.GONE'));
    const recorded = await this.uow.transaction(async ({ invites }) => ok(await invites.invite(announcement.id, viewerId, link.id, now)));
    return recorded.map(() => announcement.id);
  }

  private async linkOf(token: string): Promise<InviteLink | null> {
    const hash = this.tokens.hashOf(token);
    return hash === null ? null : this.uow.reads.invites.byTokenHash(hash);
  }

  private view(link: InviteLink, announcement: Announcement, now: Date): InviteLinkView {
    const token = this.tokens.tokenOf(link.id);
    return {
      token, url: `${this.publicBaseUrl}/invites/${token}`, announcementId: link.announcementId, createdAt: link.createdAt, revokedAt: link.revokedAt,
      live: link.revokedAt === null && !announcement.isFinal && isLinkAlive(announcement.snapshot(), now),
    };
  }
}
