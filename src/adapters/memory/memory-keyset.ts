import type { TimeKey } from '../../application/index.js';

/** Newest first, id as tie-breaker: the order of inboxes and booking lists (as in SQL). */
export const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): number =>
  b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id);

/** Strictly after the cursor in that order; everything is after no cursor. */
export const isAfter = (row: { createdAt: Date; id: string }, key: TimeKey | undefined): boolean => {
  if (!key) return true;
  const at = Date.parse(key.createdAt);
  return row.createdAt.getTime() < at || (row.createdAt.getTime() === at && row.id < key.id);
};
