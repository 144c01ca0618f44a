import { err, ok, type Result } from 'neverthrow';
import type { DomainError } from '../../domain/index.js';
import type { AnnouncementAccess } from '../shared/announcement-access.js';
import type { AnnouncementDetails } from '../shared/announcement-details.js';
import type { AnnouncementDetail } from '../shared/views.js';

export class GetAnnouncement {
  constructor(
    private readonly access: AnnouncementAccess,
    private readonly details: AnnouncementDetails,
  ) {}

  async execute(viewerId: string, announcementId: string): Promise<Result<AnnouncementDetail, DomainError>> {
    const found = await this.access.find(viewerId, announcementId);
    if (found.isErr()) return err(found.error);
    return ok(await this.details.of(found.value.announcement, found.value.myBooking, viewerId));
  }
}
