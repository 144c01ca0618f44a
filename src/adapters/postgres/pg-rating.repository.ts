import { err, ok, type Result } from 'neverthrow';
import { domainError, type DomainError, type RatingRole, type RatingState, type UserRating } from '../../domain/index.js';
import type { RatingRepository } from '../../application/index.js';
import { rows, run, type Queryable } from './pg-client.js';
import { constraintError } from './pg-constraints.js';
import { participantRatings } from './pg-rating-reader.js';

type Row = {
  announcement_id: string; rater_id: string; ratee_id: string; ratee_role: RatingRole; score: number;
  comment: string | null; created_at: Date; updated_at: Date;
};

const toState = (r: Row): RatingState => ({
  announcementId: r.announcement_id, raterId: r.rater_id, rateeId: r.ratee_id, as: r.ratee_role, score: r.score,
  comment: r.comment, createdAt: r.created_at, updatedAt: r.updated_at,
});

/** The primary key (screening, rater, ratee) is §5's "once": a post that lost the race is told so. */
const ONCE = { ratings_pkey: () => domainError('RATING.ALREADY_RATED') };

export class PgRatingRepository implements RatingRepository {
  constructor(private readonly db: Queryable) {}

  ofParticipants(announcementId: string): Promise<ReadonlyMap<string, UserRating>> {
    return participantRatings(this.db, announcementId);
  }

  async byKey(announcementId: string, raterId: string, rateeId: string): Promise<RatingState | null> {
    const [row] = await rows<Row>(this.db,
      `SELECT announcement_id, rater_id, ratee_id, ratee_role, score, comment, created_at, updated_at
         FROM ratings WHERE announcement_id = $1 AND rater_id = $2 AND ratee_id = $3`, [announcementId, raterId, rateeId]);
    return row ? toState(row) : null;
  }

  async save(r: RatingState, isNew: boolean): Promise<Result<void, DomainError>> {
    try {
      if (isNew) {
        await run(this.db, `INSERT INTO ratings (announcement_id, rater_id, ratee_id, ratee_role, score, comment, created_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [r.announcementId, r.raterId, r.rateeId, r.as, r.score, r.comment, r.createdAt, r.updatedAt]);
      } else {
        const updated = await run(this.db, `UPDATE ratings SET score = $4, comment = $5, updated_at = $6
          WHERE announcement_id = $1 AND rater_id = $2 AND ratee_id = $3`, [r.announcementId, r.raterId, r.rateeId, r.score, r.comment, r.updatedAt]);
        if (updated.rowCount !== 1) throw new Error(`rating ${r.announcementId}/${r.raterId}/${r.rateeId} does not exist`);
      }
      return ok(undefined);
    } catch (error) {
      const rule = constraintError(error, ONCE);
      if (rule) return err(rule);
      throw error;
    }
  }

  /** user_ratings is kept by the ratings trigger, adding what changed; this transaction holds its row. */
  async hostTotals(userId: string): Promise<{ sum: number; count: number }> {
    const [row] = await rows<{ host_sum: number; host_count: number }>(this.db,
      'SELECT host_sum, host_count FROM user_ratings WHERE user_id = $1', [userId]);
    return { sum: row?.host_sum ?? 0, count: row?.host_count ?? 0 };
  }

  /**
   * NO KEY UPDATE, as the UPDATE itself would take: a rating being inserted holds KEY SHARE on its
   * screening (the foreign key), and FOR UPDATE would wait for it while that rating's own
   * transaction waits for this one's user_ratings row — a deadlock the race test found.
   */
  async storeHostScore(hostId: string, score: number): Promise<void> {
    await run(this.db, `
      WITH the_user AS (UPDATE user_ratings SET host_score = $2 WHERE user_id = $1),
        screenings AS (SELECT id FROM announcements WHERE host_id = $1 AND host_score <> $2 ORDER BY id FOR NO KEY UPDATE)
      UPDATE announcements a SET host_score = $2 FROM screenings s WHERE a.id = s.id`, [hostId, score]);
  }
}
