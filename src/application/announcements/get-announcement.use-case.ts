import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError } from '../../domain/index.js';
import type { UnitOfWork } from '../ports/unit-of-work.port.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import type { People } from '../shared/people.js';
import type { AnnouncementDetail } from '../shared/views.js';

export class GetAnnouncement {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AnnouncementAccess,
    private readonly details: AnnouncementDetails,
    private readonly people: People,
  ) {}

  /**
   * One statement on PostgreSQL (DetailReader): the screening, the viewer's booking, what A5 and
   * S3 depend on, the guests, the ratings shown and the waitlist — or, when the database says
   * none of it changed since this viewer's last read, that read kept by the process
   * (pg-detail-cache.ts); names come from the user directory. What the viewer may not see is
   * read but never shown: the rule decides first, on every read.
   */
  async execute(viewerId: string, announcementId: string): Promise<Result<AnnouncementDetail, DomainError>> {
    const read = await this.uow.reads.details.of(announcementId, viewerId);
    const { announcement, myBooking } = read;
    if (!announcement) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    const state = announcement.snapshot();
    let sees = this.access.judge(state, viewerId, read);
    if (sees === 'ask-friends') sees = this.access.judge(state, viewerId, read, await this.people.friendsOf(state.hostId));
    if (sees !== true) return err(domainError('ANNOUNCEMENT.NOT_FOUND'));
    return ok(await this.details.from(announcement, myBooking, viewerId, read.parts));
  }
}
