/** A draw in [0, 1): the jitter of retries. The core has no randomness of its own. */
export interface RandomSource {
  next(): number;
}
