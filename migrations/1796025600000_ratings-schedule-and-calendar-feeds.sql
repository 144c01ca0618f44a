-- Up Migration

-- RULES §4: "rate your screening" is a notification of its own.
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
  'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed', 'rating.requested'));

-- RULES §5: a rating is never older than its last change.
ALTER TABLE ratings ADD CONSTRAINT ratings_updated_after_created CHECK (updated_at >= created_at);
-- What a participant has rated, for the list of what is left.
CREATE INDEX ratings_by_rater ON ratings (rater_id, announcement_id);

-- Keep both sides of a user's rating by adding what changed, never by recounting: the update of
-- user_ratings then always starts from the row's latest version, so two ratings of one person
-- committed at the same time both count (a recount under READ COMMITTED could miss the other's row).
CREATE OR REPLACE FUNCTION ratings_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who uuid;
  side text;
  d_sum integer;
  d_count integer;
  total integer;
  n integer;
BEGIN
  FOR who, side, d_sum, d_count IN
      SELECT NEW.ratee_id, NEW.ratee_role, NEW.score, 1 WHERE TG_OP <> 'DELETE'
      UNION ALL
      SELECT OLD.ratee_id, OLD.ratee_role, -OLD.score, -1 WHERE TG_OP <> 'INSERT' LOOP
    INSERT INTO user_ratings AS r (user_id, host_sum, host_count, guest_sum, guest_count)
      VALUES (who,
        CASE WHEN side = 'host' THEN d_sum ELSE 0 END, CASE WHEN side = 'host' THEN d_count ELSE 0 END,
        CASE WHEN side = 'guest' THEN d_sum ELSE 0 END, CASE WHEN side = 'guest' THEN d_count ELSE 0 END)
    ON CONFLICT (user_id) DO UPDATE SET host_sum = r.host_sum + excluded.host_sum, host_count = r.host_count + excluded.host_count,
      guest_sum = r.guest_sum + excluded.guest_sum, guest_count = r.guest_count + excluded.guest_count
    RETURNING r.host_sum, r.host_count INTO total, n;
    IF side = 'host' THEN
      UPDATE announcements SET host_score = bayesian_score(total, n) WHERE host_id = who AND host_score <> bayesian_score(total, n);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- RULES §6: one secret calendar URL per user; only its hash is kept, so a copy of the database opens no feed.
CREATE TABLE calendar_feeds (
  user_id     uuid PRIMARY KEY,
  secret_hash text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
  created_at  timestamptz NOT NULL
);

-- The schedule: a guest's bookings by the screening's time (hosted ones use announcements_by_host).
CREATE INDEX bookings_guest_schedule ON bookings (guest_id, starts_at);

-- Down Migration

DROP INDEX bookings_guest_schedule;
DROP TABLE calendar_feeds;
DROP INDEX ratings_by_rater;
CREATE OR REPLACE FUNCTION ratings_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who uuid;
BEGIN
  FOR who IN SELECT DISTINCT u FROM unnest(ARRAY[
      CASE WHEN TG_OP <> 'DELETE' THEN NEW.ratee_id END,
      CASE WHEN TG_OP <> 'INSERT' THEN OLD.ratee_id END]) AS u WHERE u IS NOT NULL LOOP
    INSERT INTO user_ratings AS r (user_id, host_sum, host_count, guest_sum, guest_count)
      SELECT who,
        coalesce(sum(score) FILTER (WHERE ratee_role = 'host'), 0), count(*) FILTER (WHERE ratee_role = 'host'),
        coalesce(sum(score) FILTER (WHERE ratee_role = 'guest'), 0), count(*) FILTER (WHERE ratee_role = 'guest')
      FROM ratings WHERE ratee_id = who
    ON CONFLICT (user_id) DO UPDATE SET host_sum = excluded.host_sum, host_count = excluded.host_count,
      guest_sum = excluded.guest_sum, guest_count = excluded.guest_count;
    UPDATE announcements a SET host_score = bayesian_score(r.host_sum, r.host_count)
      FROM user_ratings r WHERE r.user_id = who AND a.host_id = who AND a.host_score <> bayesian_score(r.host_sum, r.host_count);
  END LOOP;
  RETURN NULL;
END $$;
ALTER TABLE ratings DROP CONSTRAINT ratings_updated_after_created;
DELETE FROM notifications WHERE type = 'rating.requested';
ALTER TABLE notifications DROP CONSTRAINT notifications_type_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_type_check CHECK (type IN ('announcement.updated', 'announcement.cancelled',
  'announcement.reminder_24h', 'announcement.reminder_1h', 'booking.created', 'booking.status_changed'));
