/**
 * Every expected failure of the core, as a value. `code` is stable: clients and the
 * HTTP adapter rely on it, so codes are only ever added, never renamed.
 */
export type FieldIssue = { readonly path: string; readonly message: string };

export type DomainError =
  | { readonly code: 'ANNOUNCEMENT.INVALID'; readonly issues: readonly FieldIssue[] }
  | { readonly code: 'ANNOUNCEMENT.NOT_FOUND' }
  | { readonly code: 'ANNOUNCEMENT.NOT_HOST' }
  | { readonly code: 'ANNOUNCEMENT.STARTS_IN_PAST' }
  | { readonly code: 'ANNOUNCEMENT.CAPACITY_BELOW_TAKEN'; readonly seatsTaken: number }
  | { readonly code: 'ANNOUNCEMENT.FINAL'; readonly status: string }
  | { readonly code: 'ANNOUNCEMENT.VERSION_MISMATCH'; readonly currentVersion: number }
  | { readonly code: 'ANNOUNCEMENT.GUEST_SCHEDULE_CONFLICT' }
  | { readonly code: 'MOVIE.UNKNOWN'; readonly movieId: string }
  /** Asked for by its id (GET /movies/{movieId}), not named in a screening: nothing to refuse, just nothing there. */
  | { readonly code: 'MOVIE.NOT_FOUND'; readonly movieId: string }
  /** `announcementId` names the clashing screening when known (a database backstop cannot tell). */
  | { readonly code: 'SCHEDULE.CONFLICT'; readonly as: 'host' | 'guest'; readonly announcementId?: string }
  | { readonly code: 'BOOKING.INVALID'; readonly issues: readonly FieldIssue[] }
  | { readonly code: 'BOOKING.NOT_FOUND' }
  | { readonly code: 'BOOKING.OWN_ANNOUNCEMENT' }
  /** `seatsLeft` when the core counted them; a database backstop refusing at commit cannot tell. */
  | { readonly code: 'BOOKING.NO_SEATS_LEFT'; readonly seatsLeft?: number }
  | { readonly code: 'BOOKING.ALREADY_BOOKED' }
  | { readonly code: 'BOOKING.NOT_OPEN' }
  | { readonly code: 'BOOKING.FORBIDDEN' }
  | { readonly code: 'BOOKING.ILLEGAL_TRANSITION'; readonly from: string; readonly to: string }
  | { readonly code: 'RATING.INVALID'; readonly issues: readonly FieldIssue[] }
  /** The rater took no part in the screening (§5: anyone else → 403). */
  | { readonly code: 'RATING.FORBIDDEN' }
  /** The screening is not done: not over yet, or cancelled. */
  | { readonly code: 'RATING.NOT_YET'; readonly status: string }
  | { readonly code: 'RATING.WINDOW_CLOSED' }
  /** The person named is not one the rater may rate: a guest rates the host, the host rates accepted guests. */
  | { readonly code: 'RATING.NOT_A_RATEE'; readonly as: 'host' | 'guest' }
  | { readonly code: 'RATING.ALREADY_RATED' }
  | { readonly code: 'RATING.NOT_FOUND' }
  /** S3: nobody blocks themselves. */
  | { readonly code: 'BLOCK.SELF' }
  /** S4 */
  | { readonly code: 'REPORT.INVALID'; readonly issues: readonly FieldIssue[] }
  | { readonly code: 'REPORT.ALREADY_OPEN' }
  /** The subject of a report does not exist, or the reporter may not see it. */
  | { readonly code: 'REPORT.SUBJECT_NOT_FOUND' }
  /** S5: attendance is marked for guests whose booking was accepted, after the end, within 14 days. */
  | { readonly code: 'ATTENDANCE.NOT_A_GUEST' }
  | { readonly code: 'ATTENDANCE.NOT_YET'; readonly status: string }
  | { readonly code: 'ATTENDANCE.WINDOW_CLOSED' }
  /** I1: no such invite link (or one the caller may not know of). */
  | { readonly code: 'INVITE.NOT_FOUND' }
  /** I1: the link was revoked, or its screening has started. */
  | { readonly code: 'INVITE.GONE' }
  /** I1, I2: a screening that has started or is over invites nobody (`status`: the screening's). */
  | { readonly code: 'INVITE.CLOSED'; readonly status: string };

export type DomainErrorCode = DomainError['code'];

export const domainError = <C extends DomainErrorCode>(
  code: C,
  extra?: Omit<Extract<DomainError, { code: C }>, 'code'>,
): Extract<DomainError, { code: C }> => ({ code, ...extra }) as Extract<DomainError, { code: C }>;
