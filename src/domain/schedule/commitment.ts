import type { TimeRange } from '../shared/time-range.js';

/** Time a user has promised: a screening they host, or one they asked to attend. */
export type Commitment = {
  readonly userId: string;
  readonly announcementId: string;
  readonly range: TimeRange;
  readonly as: 'host' | 'guest';
};

/**
 * A2 and B3 as one rule: a user's active commitments never overlap. The caller passes the
 * user's active commitments; the first one that collides with `range` is the conflict.
 */
export const firstConflict = (
  commitments: readonly Commitment[],
  range: TimeRange,
  ignoreAnnouncementId?: string,
): Commitment | undefined =>
  commitments.find((c) => c.announcementId !== ignoreAnnouncementId && c.range.overlaps(range));
