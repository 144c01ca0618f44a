-- Up Migration

-- A screening's accepted bookings: the deferred seat check reads them at every commit, and every
-- detail read lists them. With a large history the planner took the GiST exclusion index, which
-- leads with guest_id, for `announcement_id = … AND status = 'accepted'` (milliseconds instead of
-- microseconds, under the screening's row lock). A partial btree answers it from the index alone.
CREATE INDEX bookings_accepted_of_announcement ON bookings (announcement_id, created_at, id) INCLUDE (seats, guest_id)
  WHERE status = 'accepted';

-- Down Migration

DROP INDEX bookings_accepted_of_announcement;
