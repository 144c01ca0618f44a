/** New identifiers; time-ordered (UUIDv7) in production so that ids sort by creation. */
export interface IdGenerator {
  next(): string;
}
