import { v7 } from 'uuid';
import type { IdGenerator } from '../../application/index.js';

/** UUIDv7: time-ordered, so new rows land at the end of primary-key indexes. */
export class UuidV7Generator implements IdGenerator {
  next(): string {
    return v7();
  }
}
