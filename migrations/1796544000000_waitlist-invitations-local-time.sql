-- Up Migration
-- No transaction: the new unique index is built concurrently and the new checks validated
-- without a lock writers wait for, so the previous version keeps serving (docs/ARCHITECTURE.md,
-- "Rolling deploys").

-- T1: each screening's zone. A constant default: no table rewrite. Screenings announced before
-- keep UTC (what their texts said until now); a host's next change of the place derives the zone.
ALTER TABLE announcements ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC';

-- W1, W3: a request may wait (`waitlisted`) and then lapse (`expired`); one that lapses because
-- its screening was cancelled is marked as the cancelled ones are (A6: its guest still sees it).
ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_status_check,
  ADD CONSTRAINT bookings_status_check CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled', 'waitlisted', 'expired')) NOT VALID;
ALTER TABLE bookings VALIDATE CONSTRAINT bookings_status_check;
ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_cancelled_with_announcement_is_cancelled,
  ADD CONSTRAINT bookings_cancelled_with_announcement_is_cancelled CHECK (NOT cancelled_with_announcement OR status IN ('cancelled', 'expired')) NOT VALID;
ALTER TABLE bookings VALIDATE CONSTRAINT bookings_cancelled_with_announcement_is_cancelled;

-- B4 and B9: one active booking per guest and screening, waiting ones included. Built beside
-- the old index, which then goes, and the new one takes its name (constraint errors name it).
DROP INDEX CONCURRENTLY IF EXISTS bookings_one_active_per_guest_b9;
CREATE UNIQUE INDEX CONCURRENTLY bookings_one_active_per_guest_b9 ON bookings (announcement_id, guest_id)
  WHERE status IN ('pending', 'accepted', 'waitlisted');
DROP INDEX CONCURRENTLY IF EXISTS bookings_one_active_per_guest;
ALTER INDEX bookings_one_active_per_guest_b9 RENAME TO bookings_one_active_per_guest;

-- B3 and B9 for waiting bookings: the exclusion constraint covers pending and accepted ones (an
-- exclusion constraint cannot be rebuilt without blocking writes for the whole build). A waiting
-- booking's overlap is refused by the core under the guest's schedule lock, which every booking
-- write takes; and the moment it is promoted it is `accepted`, where the constraint holds again.
-- These small partial indexes find a guest's waiting bookings, and the lists to expire.
DROP INDEX CONCURRENTLY IF EXISTS bookings_waitlisted_of_guest;
CREATE INDEX CONCURRENTLY bookings_waitlisted_of_guest ON bookings (guest_id, starts_at) WHERE status = 'waitlisted';
DROP INDEX CONCURRENTLY IF EXISTS bookings_waitlisted_by_start;
CREATE INDEX CONCURRENTLY bookings_waitlisted_by_start ON bookings (starts_at, announcement_id) WHERE status = 'waitlisted';

-- I1: invite links. The token is never stored: only its SHA-256.
CREATE TABLE IF NOT EXISTS invite_links (
  id              uuid PRIMARY KEY,
  token_hash      bytea NOT NULL UNIQUE,
  announcement_id uuid NOT NULL REFERENCES announcements (id),
  created_by      uuid NOT NULL,
  created_at      timestamptz NOT NULL,
  revoked_at      timestamptz
);
CREATE INDEX IF NOT EXISTS invite_links_of_announcement ON invite_links (announcement_id, created_at, id);

-- I1, I2: who is invited to what — by the host (link_id NULL) or by opening a link.
CREATE TABLE IF NOT EXISTS invitations (
  announcement_id uuid NOT NULL REFERENCES announcements (id),
  user_id         uuid NOT NULL,
  link_id         uuid REFERENCES invite_links (id),
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (announcement_id, user_id)
);
CREATE INDEX IF NOT EXISTS invitations_of_user ON invitations (user_id, announcement_id);

-- §4: the new notifications.
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_type_check,
  ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
    'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed', 'rating.requested',
    'attendance.no_show', 'report.filed', 'booking.waitlisted', 'announcement.seats_freed', 'announcement.invited')) NOT VALID;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_type_check;

-- Down Migration
-- No transaction

DELETE FROM notifications WHERE type IN ('booking.waitlisted', 'announcement.seats_freed', 'announcement.invited');
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_type_check,
  ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
    'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed', 'rating.requested',
    'attendance.no_show', 'report.filed')) NOT VALID;
DROP TABLE IF EXISTS invitations;
DROP TABLE IF EXISTS invite_links;
DROP INDEX CONCURRENTLY IF EXISTS bookings_waitlisted_by_start;
DROP INDEX CONCURRENTLY IF EXISTS bookings_waitlisted_of_guest;
-- Waiting requests become what the previous version knows: rejected, and lapsed ones cancelled.
UPDATE bookings SET status = 'rejected' WHERE status = 'waitlisted';
UPDATE bookings SET status = 'cancelled' WHERE status = 'expired';
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS bookings_one_active_per_guest_b4 ON bookings (announcement_id, guest_id)
  WHERE status IN ('pending', 'accepted');
DROP INDEX CONCURRENTLY IF EXISTS bookings_one_active_per_guest;
ALTER INDEX bookings_one_active_per_guest_b4 RENAME TO bookings_one_active_per_guest;
ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_cancelled_with_announcement_is_cancelled,
  ADD CONSTRAINT bookings_cancelled_with_announcement_is_cancelled CHECK (NOT cancelled_with_announcement OR status = 'cancelled') NOT VALID;
ALTER TABLE bookings DROP CONSTRAINT IF EXISTS bookings_status_check,
  ADD CONSTRAINT bookings_status_check CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled')) NOT VALID;
ALTER TABLE announcements DROP COLUMN IF EXISTS time_zone;
