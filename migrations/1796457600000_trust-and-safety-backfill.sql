-- Up Migration
-- No transaction: backfilled in batches, each its own transaction, so no row stays locked for long.

-- The new notification types (S4, S5): the check is replaced NOT VALID, then validated
-- (a scan that takes no lock writers wait for).
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_type_check,
  ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
    'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed', 'rating.requested',
    'attendance.no_show', 'report.filed')) NOT VALID;
ALTER TABLE notifications VALIDATE CONSTRAINT notifications_type_check;

-- A guest's record (reliability, S5) is read from their bookings; a user's references (S6), newest first.
-- Dropped first: a build that gave up leaves an invalid index behind.
DROP INDEX CONCURRENTLY IF EXISTS bookings_reliability;
CREATE INDEX CONCURRENTLY bookings_reliability ON bookings (guest_id) WHERE attended IS NOT NULL OR cancelled_late;
DROP INDEX CONCURRENTLY IF EXISTS ratings_of_ratee;
CREATE INDEX CONCURRENTLY ratings_of_ratee ON ratings (ratee_id, created_at DESC, announcement_id, rater_id) WHERE comment IS NOT NULL;

-- S1: each place's area for the screenings announced before it existed — the domain's
-- searchPointOf in SQL, for this once (test/contract/place-area.test.ts holds them equal).
DO $$
DECLARE
  done integer;
BEGIN
  LOOP
    UPDATE announcements SET
      area_lat = (least(floor(round(lat * 1e7) / 100000), 8999) * 100000 + 50000) / 1e7,
      area_lon = (least(floor((CASE WHEN round(lon * 1e7) = 1800000000 THEN -1800000000 ELSE round(lon * 1e7) END) / 100000), 17999) * 100000 + 50000) / 1e7
     WHERE id IN (SELECT id FROM announcements WHERE lat IS NOT NULL AND area_lat IS NULL LIMIT 5000);
    GET DIAGNOSTICS done = ROW_COUNT;
    COMMIT;
    EXIT WHEN done = 0;
  END LOOP;
END $$;

-- Down Migration
-- No transaction

DROP INDEX CONCURRENTLY IF EXISTS ratings_of_ratee;
DROP INDEX CONCURRENTLY IF EXISTS bookings_reliability;
UPDATE announcements SET area_lat = NULL, area_lon = NULL;
ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_type_check,
  ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
    'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed', 'rating.requested')) NOT VALID;
