-- Up Migration
-- Issue 22: a screening's accepted bookings are read on every detail read and by every booking's
-- deferred seat check (announcement_id = $1 AND status = 'accepted'). With few bookings per
-- screening in the statistics (one each, after a bulk load) and rows written since the last
-- VACUUM, PostgreSQL priced the GiST exclusion index bookings_guest_no_overlap, which leads with
-- guest_id and cannot seek on announcement_id, a tenth of a unit below the index-only scan of
-- bookings_accepted_of_announcement, and walked the whole GiST index: 35-45 ms per read at 500 k
-- bookings. Telling the planner that a screening has some ten bookings (n_distinct = -0.1: as
-- many distinct screenings as a tenth of the rows) makes the index-only scan the clear choice,
-- whatever ANALYZE samples. Neither statement takes a lock that stops reads or writes.
ALTER TABLE bookings ALTER COLUMN announcement_id SET (n_distinct = -0.1);
ANALYZE bookings;

-- Down Migration
ALTER TABLE bookings ALTER COLUMN announcement_id RESET (n_distinct);
ANALYZE bookings;
