import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type DomainEvent } from '../../domain/index.js';
import type { Clock } from '../ports/clock.port.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { NotificationComposer } from '../shared/notification-composer.js';
import type { People } from '../shared/people.js';
import type { Person } from '../shared/views.js';
import { invitationsOpen } from './invite-links.use-case.js';

export type InvitationsView = { readonly invited: readonly Person[] };

/**
 * RULES §10 I2: the host invites chosen people; each may then see the screening and ask for
 * seats as a friend would, and is told once (`announcement.invited`). Someone with a block
 * between them and the host is answered like everyone else but neither recorded nor told —
 * the answer never reveals a block.
 */
export class InviteUsers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly people: People,
    private readonly composer: NotificationComposer,
    private readonly clock: Clock,
  ) {}

  async execute(hostId: string, announcementId: string, userIds: readonly string[]): Promise<Result<InvitationsView, DomainError>> {
    const found = await this.access.findAsHost(hostId, announcementId);
    if (found.isErr()) return err(found.error);
    const invitees = [...new Set(userIds)].filter((id) => id !== hostId);
    const names = await this.people.names([hostId, ...invitees]);
    const now = this.clock.now();
    const done = await this.uow.transaction(async ({ announcements, blocks, invites, outbox }) => {
      const announcement = await announcements.byId(announcementId, 'for-update');
      if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
      const open = invitationsOpen(announcement, now);
      if (open.isErr()) return err(open.error);
      const events: DomainEvent[] = [];
      for (const userId of invitees) {
        if (await blocks.between(hostId, userId)) continue;
        if (await invites.invite(announcementId, userId, null, now)) events.push({ type: 'Invited', announcementId, userId });
      }
      await outbox.append(this.composer.compose(events, { announcement: announcement.snapshot(), names, now }));
      return ok(undefined);
    });
    if (done.isErr()) return err(done.error);
    return ok({ invited: invitees.map((id) => ({ id, name: names.get(id) ?? null })) });
  }
}
