import { Announcement, Booking, type Invitation } from '../../domain/index.js';
import type { DetailRead, DetailReader } from '../../application/index.js';
import { rows, type Queryable } from './pg-client.js';
import { ratingsOf } from './pg-rating-reader.js';
import {
  ANNOUNCEMENT_COLUMNS, ANNOUNCEMENT_TIMES, BOOKING_COLUMNS, BOOKING_TIMES, jsonRows, toAnnouncementState, toBookingState,
  withDates, type AnnouncementRow, type BookingRow, type JsonRow,
} from './pg-rows.js';

type Nullable<T> = { [K in keyof T]: T[K] | null };

export type DetailRow = AnnouncementRow & Nullable<BookingRow> & {
  /** The last transaction that wrote the screening or its bookings, and the last that wrote a block, invitation, link or rating (pg-detail-cache.ts). */
  detail_stamp: string;
  detail_epoch: string;
  blocked: boolean;
  invited: boolean;
  invitation_link_id: string | null;
  invitation_link_revoked: boolean | null;
  /** [guest id, seats], in the order they booked. */
  guests: [string, number][] | null;
  /** [user id, host sum, host count, guest sum, guest count], the sums null for a user nobody rated. */
  ratings: [string, number | null, number | null, number | null, number | null][] | null;
  /** The waiting bookings as JSON rows (timestamps as text), read only when the viewer's own waits. */
  waiting: Record<string, unknown>[] | null;
};

/**
 * The detail read of RULES §6 in one statement: the screening with the viewer's latest booking
 * and invitation beside it in the same row, and what comes many to a screening (guests, their
 * ratings, the waitlist) aggregated into JSON, so pg reads one row description and one row
 * instead of seven results. The row itself comes back as one JSON value (DETAIL_AS_JSON).
 * The guest list and the participants are read from bookings by the
 * partial btree bookings_accepted_of_announcement, as the separate statements were
 * (WRITE-PLANS.md, test/contract/write-plans.test.ts).
 */
export const DETAIL = `
  SELECT ${ANNOUNCEMENT_COLUMNS}, mine.*, a.detail_stamp::text AS detail_stamp, (SELECT e.epoch::text FROM detail_epoch e) AS detail_epoch,
    EXISTS (SELECT 1 FROM blocks k WHERE (k.blocker_id = $2 AND k.blocked_id = a.host_id) OR (k.blocker_id = a.host_id AND k.blocked_id = $2)) AS blocked,
    inv.invited IS NOT NULL AS invited, inv.link_id AS invitation_link_id, inv.revoked AS invitation_link_revoked,
    (SELECT json_agg(json_build_array(g.guest_id, g.seats) ORDER BY g.created_at, g.id)
       FROM bookings g WHERE g.announcement_id = $1 AND g.status = 'accepted') AS guests,
    (SELECT json_agg(json_build_array(p.participant_id, r.host_sum, r.host_count, r.guest_sum, r.guest_count))
       FROM (SELECT a.host_id AS participant_id UNION SELECT g.guest_id FROM bookings g WHERE g.announcement_id = $1 AND g.status = 'accepted') p
       LEFT JOIN user_ratings r ON r.user_id = p.participant_id) AS ratings,
    CASE WHEN mine.b_status = 'waitlisted' THEN
      (SELECT json_agg(w ORDER BY w.b_created_at, w.b_id) FROM (SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1 AND b.status = 'waitlisted') w)
    END AS waiting
  FROM announcements a
  LEFT JOIN LATERAL (SELECT ${BOOKING_COLUMNS} FROM bookings b WHERE b.announcement_id = $1 AND b.guest_id = $2
                      ORDER BY b.created_at DESC, b.id DESC LIMIT 1) mine ON true
  LEFT JOIN LATERAL (SELECT true AS invited, i.link_id, l.revoked_at IS NOT NULL AS revoked
                       FROM invitations i LEFT JOIN invite_links l ON l.id = i.link_id
                      WHERE i.announcement_id = $1 AND i.user_id = $2) inv ON true
  WHERE a.id = $1`;

/**
 * DETAIL's row as one JSON value: pg then reads a row description of one column instead of
 * fifty, and one JSON.parse instead of a parser per column — 0.29 → 0.18 ms of Node's CPU per
 * read in the same process, 16 clients, alternating (/tmp script, 2026-12-07).
 */
export const DETAIL_AS_JSON = jsonRows(DETAIL);
const invitationOf = (row: DetailRow): Invitation | null => {
  if (!row.invited) return null;
  return row.invitation_link_id === null ? { kind: 'direct' } : { kind: 'link', linkRevoked: row.invitation_link_revoked === true };
};

const NOTHING: DetailRead = { announcement: null, myBooking: null, blocked: false, invitation: null, parts: { guests: [], ratings: new Map(), waiting: [] } };

/** DETAIL's row, dates as Dates; null when there is no such screening. */
export const detailRow = async (db: Queryable, announcementId: string, viewerId: string): Promise<DetailRow | null> => {
  const [found] = await rows<JsonRow>(db, DETAIL_AS_JSON, [announcementId, viewerId]);
  if (!found) return null;
  const row = withDates<DetailRow>(found.r, [...ANNOUNCEMENT_TIMES, ...BOOKING_TIMES]);
  for (const waiting of row.waiting ?? []) withDates(waiting, BOOKING_TIMES);
  return row;
};

/** What a detail read is made of, built anew from DETAIL's row (which a cache may keep: it is never changed here). */
export const detailOf = (row: DetailRow | null): DetailRead => {
  if (!row) return NOTHING;
  const participants = row.ratings ?? [];
  return {
    announcement: Announcement.rehydrate(toAnnouncementState(row)),
    myBooking: row.b_id === null ? null : Booking.rehydrate(toBookingState(row as BookingRow)),
    blocked: row.blocked,
    invitation: invitationOf(row),
    parts: {
      guests: (row.guests ?? []).map(([guestId, seats]) => ({ guestId, seats })),
      ratings: ratingsOf(participants.map(([id]) => id), participants.flatMap(([user_id, host_sum, host_count, guest_sum, guest_count]) =>
        host_sum === null || host_count === null || guest_sum === null || guest_count === null ? [] : [{ user_id, host_sum, host_count, guest_sum, guest_count }])),
      waiting: (row.waiting ?? []).map((w) => Booking.rehydrate(toBookingState(w as BookingRow))),
    },
  };
};

export class PgDetailReader implements DetailReader {
  constructor(private readonly db: Queryable) {}

  async of(announcementId: string, viewerId: string): Promise<DetailRead> {
    return detailOf(await detailRow(this.db, announcementId, viewerId));
  }
}
