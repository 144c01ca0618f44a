/** RULES §5: the Bayesian mean pulls few ratings towards the prior, so one 5 ≠ best host. */
export const RATING_PRIOR = { mean: 3.0, weight: 5 } as const;

const round2 = (n: number): number => Math.round(n * 100) / 100;

export type RatingSide = {
  readonly average: number | null;
  readonly count: number;
  readonly score: number;
};

export const ratingSide = (sum: number, count: number): RatingSide => ({
  average: count > 0 ? round2(sum / count) : null,
  count,
  score: round2((RATING_PRIOR.mean * RATING_PRIOR.weight + sum) / (RATING_PRIOR.weight + count)),
});

export type UserRating = { readonly asHost: RatingSide; readonly asGuest: RatingSide };

export const NO_RATINGS: UserRating = { asHost: ratingSide(0, 0), asGuest: ratingSide(0, 0) };
