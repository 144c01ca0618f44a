-- Up Migration

-- btree_gist: exclusion constraints mixing = and &&; cube + earthdistance: exact distances for near.
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;

CREATE TABLE announcements (
  id                     uuid PRIMARY KEY,
  host_id                uuid NOT NULL,
  movie_id               text NOT NULL,
  movie_title            text NOT NULL,
  movie_duration_minutes integer NOT NULL CHECK (movie_duration_minutes BETWEEN 1 AND 1440),
  title                  text NOT NULL CHECK (char_length(btrim(title)) >= 1 AND char_length(title) <= 256),
  description            text NOT NULL DEFAULT '' CHECK (char_length(description) <= 4096),
  starts_at              timestamptz NOT NULL,
  duration_minutes       integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),
  -- Stored, not generated: timestamptz + interval is not immutable.
  ends_at                timestamptz NOT NULL,
  city                   text NOT NULL CHECK (char_length(btrim(city)) BETWEEN 1 AND 100),
  address                text NOT NULL CHECK (char_length(btrim(address)) BETWEEN 1 AND 256),
  lat                    double precision CHECK (lat BETWEEN -90 AND 90),
  lon                    double precision CHECK (lon BETWEEN -180 AND 180),
  capacity               integer NOT NULL CHECK (capacity BETWEEN 1 AND 100),
  privacy                text NOT NULL CHECK (privacy IN ('public', 'friends')),
  is_free                boolean NOT NULL,
  tags                   text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 10),
  approval               text NOT NULL CHECK (approval IN ('manual', 'auto')),
  status                 text NOT NULL CHECK (status IN ('open', 'closed', 'cancelled', 'done')),
  seats_taken            integer NOT NULL DEFAULT 0,
  short_url              text NOT NULL,
  -- The host's Bayesian rating as host, kept by the ratings trigger: sort=rating and minHostRating read it from the index.
  host_score             numeric(3, 2) NOT NULL DEFAULT 3.00,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  version                integer NOT NULL CHECK (version >= 1),
  search_vector          tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || description)) STORED,
  -- Grid cells of the place at 0.1°, 1° and 10° (latitude row × 360/size + longitude column):
  -- near=lat,lon reads the few cells around the circle, each in time order (pg-geo-cells.ts).
  geo_cell_fine          integer GENERATED ALWAYS AS ((floor(lat * 10)::integer + 900) * 3600 + (floor(lon * 10)::integer + 1800) % 3600) STORED,
  geo_cell_mid           integer GENERATED ALWAYS AS ((floor(lat)::integer + 90) * 360 + (floor(lon)::integer + 180) % 360) STORED,
  geo_cell_coarse        integer GENERATED ALWAYS AS ((floor(lat / 10)::integer + 9) * 36 + (floor(lon / 10)::integer + 18) % 36) STORED,
  CONSTRAINT announcements_ends_after_duration CHECK (ends_at = starts_at + duration_minutes * interval '1 minute'),
  CONSTRAINT announcements_lat_lon_together CHECK ((lat IS NULL) = (lon IS NULL)),
  -- B2/A4: never more seats taken than offered.
  CONSTRAINT announcements_seats_within_capacity CHECK (seats_taken BETWEEN 0 AND capacity),
  -- A2: a host's active screenings never overlap.
  CONSTRAINT announcements_host_no_overlap EXCLUDE USING gist (host_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    WHERE (status IN ('open', 'closed'))
);

-- Search: each filter of GET /announcements has an index that also yields the sort order.
CREATE INDEX announcements_by_time   ON announcements (status, starts_at, id);
CREATE INDEX announcements_by_city   ON announcements (status, lower(city), starts_at, id);
CREATE INDEX announcements_by_movie  ON announcements (status, movie_id, starts_at, id);
CREATE INDEX announcements_by_host   ON announcements (host_id, starts_at, id);
CREATE INDEX announcements_by_rating ON announcements (status, host_score DESC, starts_at, id);
CREATE INDEX announcements_tags      ON announcements USING gin (tags);
CREATE INDEX announcements_text      ON announcements USING gin (search_vector);
CREATE INDEX announcements_by_cell_fine   ON announcements (status, geo_cell_fine, starts_at, id) WHERE lat IS NOT NULL;
CREATE INDEX announcements_by_cell_mid    ON announcements (status, geo_cell_mid, starts_at, id) WHERE lat IS NOT NULL;
CREATE INDEX announcements_by_cell_coarse ON announcements (status, geo_cell_coarse, starts_at, id) WHERE lat IS NOT NULL;
-- The watcher (A7) finds active screenings whose end has passed.
CREATE INDEX announcements_active_end ON announcements (ends_at) WHERE status IN ('open', 'closed');

CREATE TABLE bookings (
  id              uuid PRIMARY KEY,
  announcement_id uuid NOT NULL REFERENCES announcements (id),
  guest_id        uuid NOT NULL,
  host_id         uuid NOT NULL,
  seats           integer NOT NULL CHECK (seats BETWEEN 1 AND 10),
  message         text CHECK (char_length(message) <= 1000),
  status          text NOT NULL CHECK (status IN ('pending', 'accepted', 'rejected', 'cancelled')),
  short_url       text NOT NULL,
  -- The screening's time, copied so that B3 can be an exclusion constraint; moved with the screening.
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  decided_at      timestamptz,
  -- B1: a host never books their own screening.
  CONSTRAINT bookings_not_by_host CHECK (guest_id <> host_id),
  -- B3: a guest's active bookings of different screenings never overlap.
  CONSTRAINT bookings_guest_no_overlap EXCLUDE USING gist
    (guest_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&, announcement_id WITH <>)
    WHERE (status IN ('pending', 'accepted'))
);

-- B4: one active booking per guest and screening.
CREATE UNIQUE INDEX bookings_one_active_per_guest ON bookings (announcement_id, guest_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX bookings_of_announcement ON bookings (announcement_id, created_at, id);
CREATE INDEX bookings_of_guest ON bookings (guest_id, created_at DESC, id DESC);
CREATE INDEX bookings_of_host ON bookings (host_id, created_at DESC, id DESC);

-- B2, again from the bookings themselves: accepted seats match the counter and fit the capacity.
CREATE FUNCTION bookings_check_seats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  accepted integer;
  screening announcements%ROWTYPE;
BEGIN
  SELECT * INTO screening FROM announcements WHERE id = NEW.announcement_id;
  SELECT coalesce(sum(seats), 0) INTO accepted FROM bookings WHERE announcement_id = NEW.announcement_id AND status = 'accepted';
  IF accepted > screening.capacity OR accepted <> screening.seats_taken THEN
    RAISE EXCEPTION 'screening % has % accepted seats, % counted, capacity %', screening.id, accepted, screening.seats_taken, screening.capacity
      USING ERRCODE = 'check_violation', CONSTRAINT = 'bookings_accepted_within_capacity';
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER bookings_accepted_within_capacity
  AFTER INSERT OR UPDATE OF status, seats ON bookings
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bookings_check_seats();

-- Transactional outbox and inbox in one table: written with the change, read by the recipient,
-- delivered by the dispatcher (delivered_at).
CREATE TABLE notifications (
  id              uuid PRIMARY KEY,
  type            text NOT NULL CHECK (type IN ('announcement.updated', 'announcement.cancelled', 'announcement.reminder_24h',
                    'announcement.reminder_1h', 'booking.created', 'booking.status_changed')),
  recipient_id    uuid NOT NULL,
  announcement_id uuid NOT NULL,
  booking_id      uuid,
  link            text NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  created_at      timestamptz NOT NULL,
  delivered_at    timestamptz
);
CREATE INDEX notifications_inbox ON notifications (recipient_id, created_at DESC, id DESC);
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;

CREATE TABLE short_links (
  code       text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z]{1,32}$'),
  url        text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE idempotency_keys (
  user_id     uuid NOT NULL,
  key         text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  fingerprint text NOT NULL,
  created_at  timestamptz NOT NULL,
  response    jsonb,
  PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- SPEC §5: written after a screening is done; read here for ratings shown and search.
CREATE TABLE ratings (
  announcement_id uuid NOT NULL REFERENCES announcements (id),
  rater_id        uuid NOT NULL,
  ratee_id        uuid NOT NULL,
  ratee_role      text NOT NULL CHECK (ratee_role IN ('host', 'guest')),
  score           smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment         text CHECK (char_length(comment) <= 1000),
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, rater_id, ratee_id),
  CONSTRAINT ratings_not_self CHECK (rater_id <> ratee_id)
);

CREATE TABLE user_ratings (
  user_id     uuid PRIMARY KEY,
  host_sum    integer NOT NULL DEFAULT 0,
  host_count  integer NOT NULL DEFAULT 0,
  guest_sum   integer NOT NULL DEFAULT 0,
  guest_count integer NOT NULL DEFAULT 0
);

-- The Bayesian mean of §5 (prior 3.0, weight 5), rounded as the domain rounds it.
CREATE FUNCTION bayesian_score(total integer, n integer) RETURNS numeric(3, 2) LANGUAGE sql IMMUTABLE
  RETURN round((3.0 * 5 + total) / (5 + n), 2);

CREATE FUNCTION ratings_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
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

CREATE TRIGGER ratings_refresh AFTER INSERT OR UPDATE OR DELETE ON ratings FOR EACH ROW EXECUTE FUNCTION ratings_refresh();

-- Down Migration

DROP TABLE IF EXISTS ratings;
DROP FUNCTION IF EXISTS ratings_refresh();
DROP FUNCTION IF EXISTS bayesian_score(integer, integer);
DROP TABLE IF EXISTS user_ratings;
DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS short_links;
DROP TABLE IF EXISTS notifications;
DROP TABLE IF EXISTS bookings;
DROP FUNCTION IF EXISTS bookings_check_seats();
DROP TABLE IF EXISTS announcements;
DROP EXTENSION IF EXISTS earthdistance;
DROP EXTENSION IF EXISTS cube;
DROP EXTENSION IF EXISTS btree_gist;
