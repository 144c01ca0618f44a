/**
 * Where the database stands after a write, for a client's next read to wait for (read-your-writes
 * with a read replica: `WT-Read-After`). A position is the storage's own text, compared only by
 * the storage that gave it.
 */
export interface ReadPositions {
  written(): Promise<string>;
}
