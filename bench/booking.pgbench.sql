-- The minimal booking transaction: the statements the service sends for POST /announcements/{id}/bookings
-- (a public screening, auto approval), captured with log_statement = 'all' and written out for pgbench.
-- Run by `npm run bench -- --only hot` as `pgbench -M prepared -f bench/booking.pgbench.sql -D n=<screenings>`;
-- bench_uuid() and the screenings are the bench's own (bench/hot-paths.ts).
\set k random(1, :n)
\set g random(1, 999999999999)
\set b random(1, 999999999999)
SELECT a.id, a.host_id, a.movie_id, a.movie_title, a.movie_duration_minutes, a.title, a.description, a.starts_at, a.duration_minutes,
  a.city, a.address, a.lat, a.lon, a.capacity, a.privacy, a.is_free, a.tags, a.approval, a.status, a.seats_taken, a.short_code,
  a.short_url, a.created_at, a.updated_at, a.version, a.start_set_at, a.host_score FROM announcements a WHERE a.id = bench_uuid('pgb', :k);
BEGIN;
SELECT a.id, a.host_id, a.movie_id, a.movie_title, a.movie_duration_minutes, a.title, a.description, a.starts_at, a.duration_minutes,
  a.city, a.address, a.lat, a.lon, a.capacity, a.privacy, a.is_free, a.tags, a.approval, a.status, a.seats_taken, a.short_code,
  a.short_url, a.created_at, a.updated_at, a.version, a.start_set_at, a.host_score FROM announcements a WHERE a.id = bench_uuid('pgb', :k) FOR UPDATE;
SELECT count(pg_advisory_xact_lock(k)) FROM (
  SELECT DISTINCT hashtextextended('user-schedule:' || u, 0) AS k FROM unnest(ARRAY[bench_uuid('gst', :g)::text]) AS u ORDER BY k) AS keys;
SELECT host_id AS user_id, id AS announcement_id, starts_at, ends_at, 'host' AS role FROM announcements
 WHERE host_id = ANY(ARRAY[bench_uuid('gst', :g)]) AND status IN ('open', 'closed')
   AND tstzrange(starts_at, ends_at, '[)') && (SELECT tstzrange(starts_at, ends_at, '[)') FROM announcements WHERE id = bench_uuid('pgb', :k))
UNION ALL
SELECT b.guest_id, b.announcement_id, a.starts_at, a.ends_at, 'guest' FROM bookings b JOIN announcements a ON a.id = b.announcement_id
 WHERE b.guest_id = ANY(ARRAY[bench_uuid('gst', :g)]) AND b.status IN ('pending', 'accepted') AND a.status IN ('open', 'closed')
   AND tstzrange(b.starts_at, b.ends_at, '[)') && (SELECT tstzrange(starts_at, ends_at, '[)') FROM announcements WHERE id = bench_uuid('pgb', :k));
INSERT INTO bookings (id, announcement_id, guest_id, host_id, short_code, short_url, created_at, seats, message, status, updated_at,
  decided_at, cancelled_with_announcement, starts_at, ends_at)
  SELECT bench_uuid('bkg', :b), a.id, bench_uuid('gst', :g), a.host_id, 'p' || :b, 'http://bench/s/p' || :b, now(), 1, NULL, 'accepted', now(),
    now(), false, a.starts_at, a.ends_at FROM announcements a WHERE a.id = bench_uuid('pgb', :k);
WITH before AS MATERIALIZED (SELECT starts_at, ends_at FROM announcements WHERE id = bench_uuid('pgb', :k)),
  saved AS (UPDATE announcements SET seats_taken = seats_taken + 1, updated_at = now(), version = version + 1
    WHERE id = bench_uuid('pgb', :k) RETURNING id, starts_at, ends_at),
  shifted AS MATERIALIZED (SELECT s.id, s.starts_at, s.ends_at FROM saved s JOIN before o ON (o.starts_at, o.ends_at) IS DISTINCT FROM (s.starts_at, s.ends_at)),
  moved AS (UPDATE bookings b SET starts_at = s.starts_at, ends_at = s.ends_at FROM shifted s
    WHERE b.announcement_id = s.id AND (b.starts_at, b.ends_at) IS DISTINCT FROM (s.starts_at, s.ends_at))
SELECT count(*)::int AS found FROM saved;
INSERT INTO notifications (id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at, reminder_for, next_attempt_at)
  SELECT *, created_at FROM unnest(ARRAY[bench_uuid('ntf', :b)], ARRAY['booking.created'], ARRAY[bench_uuid('hst', :k)],
    ARRAY[bench_uuid('pgb', :k)], ARRAY[bench_uuid('bkg', :b)], ARRAY['http://bench/s/p' || :b], ARRAY['New request'],
    ARRAY['Someone asked for 1 seat. Accepted automatically.'], ARRAY[now()], ARRAY[NULL::timestamptz])
    AS u (id, type, recipient_id, announcement_id, booking_id, link, title, body, created_at, reminder_for)
  ON CONFLICT DO NOTHING;
COMMIT;
