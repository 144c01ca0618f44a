/** One block (RULES §9 S3): private to the one who made it. */
export type Block = { readonly blockerId: string; readonly blockedId: string; readonly createdAt: Date };

export interface BlockRepository {
  /** Records the block, or finds the one that stood already (a database key keeps one per pair and direction). */
  add(block: Block): Promise<{ readonly block: Block; readonly created: boolean }>;
  /** False when there was none. */
  remove(blockerId: string, blockedId: string): Promise<boolean>;
  /** Whether a block stands between the two, made by either. */
  between(a: string, b: string): Promise<boolean>;
  /** Whether a block stands between the user and the screening's host, made by either (false when there is no such screening). */
  withHostOf(userId: string, announcementId: string): Promise<boolean>;
  /** Whom the user blocked, newest first. */
  madeBy(blockerId: string, limit: number, after?: { readonly createdAt: string; readonly id: string }): Promise<Block[]>;
}
