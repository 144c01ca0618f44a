import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type Report } from '../../domain/index.js';
import type { Block, BlockRepository, ReportRepository } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';
import { constraintError } from './pg-constraints.js';

type BlockRow = { blocker_id: string; blocked_id: string; created_at: Date };
const toBlock = (r: BlockRow): Block => ({ blockerId: r.blocker_id, blockedId: r.blocked_id, createdAt: r.created_at });

/** S3: the blocks table; its primary key keeps one per pair and direction. */
export class PgBlocks implements BlockRepository {
  constructor(private readonly db: Queryable) {}

  async add(block: Block): Promise<{ block: Block; created: boolean }> {
    const [added] = await rows<BlockRow>(this.db, `INSERT INTO blocks (blocker_id, blocked_id, created_at) VALUES ($1, $2, $3)
      ON CONFLICT DO NOTHING RETURNING blocker_id, blocked_id, created_at`, [block.blockerId, block.blockedId, block.createdAt]);
    if (added) return { block: toBlock(added), created: true };
    const [standing] = await rows<BlockRow>(this.db, 'SELECT blocker_id, blocked_id, created_at FROM blocks WHERE blocker_id = $1 AND blocked_id = $2',
      [block.blockerId, block.blockedId]);
    return { block: standing ? toBlock(standing) : block, created: false };
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    return (await run(this.db, 'DELETE FROM blocks WHERE blocker_id = $1 AND blocked_id = $2', [blockerId, blockedId])).rowCount === 1;
  }

  async between(a: string, b: string): Promise<boolean> {
    const found = await rows(this.db,
      'SELECT 1 FROM blocks WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1) LIMIT 1', [a, b]);
    return found.length > 0;
  }

  async withHostOf(userId: string, announcementId: string): Promise<boolean> {
    const found = await rows(this.db, `SELECT 1 FROM announcements a JOIN blocks k
        ON (k.blocker_id = $1 AND k.blocked_id = a.host_id) OR (k.blocker_id = a.host_id AND k.blocked_id = $1)
      WHERE a.id = $2 LIMIT 1`, [userId, announcementId]);
    return found.length > 0;
  }

  async madeBy(blockerId: string, limit: number, after?: { createdAt: string; id: string }): Promise<Block[]> {
    const found = await rows<BlockRow>(this.db, `SELECT blocker_id, blocked_id, created_at FROM blocks WHERE blocker_id = $1
      AND ($2::timestamptz IS NULL OR (created_at, blocked_id) < ($2, $3::uuid)) ORDER BY created_at DESC, blocked_id DESC LIMIT $4`,
    [blockerId, after?.createdAt ?? null, after?.id ?? null, limit]);
    return found.map(toBlock);
  }
}

/** S4: reports; their partial unique index keeps one open report per reporter and subject. */
export class PgReports implements ReportRepository {
  constructor(private readonly db: Queryable) {}

  async add(r: Report): Promise<Result<void, DomainError>> {
    try {
      await run(this.db, `INSERT INTO reports (id, reporter_id, subject_kind, subject_id, reason, details, created_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7)`, [r.id, r.reporterId, r.subject.kind, r.subject.id, r.reason, r.details, r.createdAt]);
      return ok(undefined);
    } catch (error) {
      const rule = constraintError(error, { reports_one_open: () => domainError('REPORT.ALREADY_OPEN') });
      if (rule) return err(rule);
      throw error;
    }
  }
}
