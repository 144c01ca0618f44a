/** Where reminders are due: a prefilter the scheduler runs often, so it answers from indexes. */
export interface ReminderQueries {
  /**
   * Ids of screenings that have a reminder due at `now` (domain `dueReminders`) which one of
   * their participants — the host and the accepted guests — has not had yet; soonest start first, at most `limit`.
   */
  due(now: Date, limit: number): Promise<string[]>;
}
