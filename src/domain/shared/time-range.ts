/** A half-open interval [start, end) of instants. */
export class TimeRange {
  private constructor(
    readonly start: Date,
    readonly end: Date,
  ) {}

  static of(start: Date, durationMinutes: number): TimeRange {
    return new TimeRange(start, new Date(start.getTime() + durationMinutes * 60_000));
  }

  static between(start: Date, end: Date): TimeRange {
    if (end.getTime() <= start.getTime()) throw new RangeError('a time range must end after it starts');
    return new TimeRange(start, end);
  }

  overlaps(other: TimeRange): boolean {
    return this.start.getTime() < other.end.getTime() && other.start.getTime() < this.end.getTime();
  }
}
