import type { RandomSource } from '../../application/index.js';

/** Jitter needs no more than Math.random: nothing secret depends on it. */
export class SystemRandom implements RandomSource {
  next(): number {
    return Math.random();
  }
}
