/** RULES §5: the Bayesian mean pulls few ratings towards the prior, so one 5 ≠ best host. */
export const RATING_PRIOR = { mean: 3.0, weight: 5 } as const;

/**
 * numerator / denominator to hundredths, halves up, in whole numbers only: sums and counts of
 * scores are integers, so this is exact — floating point made 97/40 = 2.425 into 2.42, where
 * PostgreSQL's numeric (which filled `host_score` before) says 2.43.
 */
const hundredths = (numerator: number, denominator: number): number =>
  Math.floor((200 * numerator + denominator) / (2 * denominator)) / 100;

export type RatingSide = {
  readonly average: number | null;
  readonly count: number;
  readonly score: number;
};

/**
 * One side of a user's rating from the sum and count of its scores. The score is the one
 * number sorting and `minHostRating` use: computed here only, and stored for search by the
 * use case that changes it (RateParticipant), never recomputed by the database.
 */
export const ratingSide = (sum: number, count: number): RatingSide => ({
  average: count > 0 ? hundredths(sum, count) : null,
  count,
  score: hundredths(RATING_PRIOR.mean * RATING_PRIOR.weight + sum, RATING_PRIOR.weight + count),
});

export type UserRating = { readonly asHost: RatingSide; readonly asGuest: RatingSide };

export const NO_RATINGS: UserRating = { asHost: ratingSide(0, 0), asGuest: ratingSide(0, 0) };
