-- The minimal booking, a fixed reference for the service's bookings/s (issue 22, aim 1): lock the
-- screening, insert the booking, count its seat. Not the service's own statements — those also check
-- the guest's schedule, write the notification and answer over HTTP — and not to be changed with them.
-- Run by `npm run bench -- --only hot` as
-- `pgbench -n -M prepared -c 16 -j 2 -f bench/booking-minimal.pgbench.sql -D n=<screenings>`;
-- bench_uuid() and the screenings are the bench's own (bench/hot-paths.ts), which runs it with the
-- stamp triggers off (withoutDetailStamps): they came after this reference.
\set k random(1, :n)
\set g random(1, 999999999999)
\set b random(1, 999999999999)
BEGIN;
SELECT capacity, seats_taken FROM announcements WHERE id = bench_uuid('pgb', :k) FOR UPDATE;
INSERT INTO bookings (id, announcement_id, guest_id, host_id, short_code, short_url, created_at, seats, status, updated_at,
  decided_at, cancelled_with_announcement, starts_at, ends_at)
  SELECT bench_uuid('bkg', :b), a.id, bench_uuid('gst', :g), a.host_id, 'p' || :b, 'http://bench/s/p' || :b, now(), 1, 'accepted', now(),
    now(), false, a.starts_at, a.ends_at FROM announcements a WHERE a.id = bench_uuid('pgb', :k);
UPDATE announcements SET seats_taken = seats_taken + 1 WHERE id = bench_uuid('pgb', :k);
COMMIT;
