-- Up Migration
-- No transaction: the index is built CONCURRENTLY, so bookings take writes while it grows.

-- A screening's accepted bookings: the deferred seat check reads them at every commit, and every
-- detail read lists them. With a large history the planner took the GiST exclusion index, which
-- leads with guest_id, for `announcement_id = … AND status = 'accepted'` (milliseconds instead of
-- microseconds, under the screening's row lock). A partial btree answers it from the index alone.
-- Dropped first: a build that gave up leaves an invalid index behind, and this runs again.
DROP INDEX CONCURRENTLY IF EXISTS bookings_accepted_of_announcement;
CREATE INDEX CONCURRENTLY bookings_accepted_of_announcement ON bookings (announcement_id, created_at, id) INCLUDE (seats, guest_id)
  WHERE status = 'accepted';

-- Down Migration
-- No transaction

DROP INDEX CONCURRENTLY IF EXISTS bookings_accepted_of_announcement;
