import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type Invitation, type Report } from '../../domain/index.js';
import type { Block, BlockRepository, InviteLink, InviteRepository, ReportRepository } from '../../application/index.js';
import { isAfter, newestFirst } from './memory-keyset.js';
import type { MemoryDatabase } from './memory-database.js';

const blockKey = (blockerId: string, blockedId: string): string => `${blockerId}/${blockedId}`;

/** Mirrors the blocks table: its key keeps one per pair and direction. */
export class MemoryBlocks implements BlockRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async add(block: Block): Promise<{ block: Block; created: boolean }> {
    const standing = this.db.blocks.get(blockKey(block.blockerId, block.blockedId));
    if (standing) return { block: standing, created: false };
    this.db.write(this.db.blocks, blockKey(block.blockerId, block.blockedId), block);
    return { block, created: true };
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    const had = this.db.blocks.has(blockKey(blockerId, blockedId));
    this.db.delete(this.db.blocks, blockKey(blockerId, blockedId));
    return had;
  }

  async between(a: string, b: string): Promise<boolean> {
    return this.db.blocks.has(blockKey(a, b)) || this.db.blocks.has(blockKey(b, a));
  }

  async withHostOf(userId: string, announcementId: string): Promise<boolean> {
    const announcement = this.db.announcements.get(announcementId);
    return announcement !== undefined && (await this.between(userId, announcement.hostId));
  }

  async madeBy(blockerId: string, limit: number, after?: { createdAt: string; id: string }): Promise<Block[]> {
    return [...this.db.blocks.values()]
      .map((b) => ({ ...b, id: b.blockedId }))
      .filter((b) => b.blockerId === blockerId && isAfter(b, after))
      .sort(newestFirst)
      .slice(0, limit)
      .map(({ id: _, ...block }) => block);
  }
}

/** Mirrors the reports table's partial unique index: one open report per reporter and subject. */
export class MemoryReports implements ReportRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async add(report: Report): Promise<Result<void, DomainError>> {
    for (const r of this.db.reports.values())
      if (r.reporterId === report.reporterId && r.subject.kind === report.subject.kind && r.subject.id === report.subject.id)
        return err(domainError('REPORT.ALREADY_OPEN'));
    this.db.write(this.db.reports, report.id, report);
    return ok(undefined);
  }
}

/** Mirrors invite_links and invitations: one invitation per screening and user, a direct one never narrowed to a link. */
export class MemoryInvites implements InviteRepository {
  constructor(private readonly db: MemoryDatabase) {}

  async add(link: InviteLink, tokenHash: string): Promise<void> {
    this.db.write(this.db.inviteLinks, link.id, { ...link, tokenHash });
  }

  async byTokenHash(tokenHash: string): Promise<InviteLink | null> {
    for (const { tokenHash: hash, ...link } of this.db.inviteLinks.values()) if (hash === tokenHash) return link;
    return null;
  }

  async ofAnnouncement(announcementId: string): Promise<InviteLink[]> {
    return [...this.db.inviteLinks.values()]
      .filter((l) => l.announcementId === announcementId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map(({ tokenHash: _, ...link }) => link);
  }

  async revoke(id: string, now: Date): Promise<void> {
    const link = this.db.inviteLinks.get(id);
    if (link && link.revokedAt === null) this.db.write(this.db.inviteLinks, id, { ...link, revokedAt: now });
  }

  async invite(announcementId: string, userId: string, linkId: string | null, now: Date): Promise<boolean> {
    const key = `${announcementId}/${userId}`;
    const before = this.db.invitations.get(key);
    if (before && before.linkId === null) return false;
    this.db.write(this.db.invitations, key, { announcementId, userId, linkId, createdAt: before?.createdAt ?? now });
    return !before || linkId === null;
  }

  async invitationOf(announcementId: string, userId: string): Promise<Invitation | null> {
    const found = this.db.invitations.get(`${announcementId}/${userId}`);
    if (!found) return null;
    if (found.linkId === null) return { kind: 'direct' };
    return { kind: 'link', linkRevoked: this.db.inviteLinks.get(found.linkId)?.revokedAt != null };
  }
}
