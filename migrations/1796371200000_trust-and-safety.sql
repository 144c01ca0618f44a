-- Up Migration

-- RULES §9 S3: a block, private to the one who made it. One per pair and direction.
CREATE TABLE blocks (
  blocker_id uuid NOT NULL,
  blocked_id uuid NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (blocker_id, blocked_id),
  CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
);
-- Either direction hides screenings: found from the other side too.
CREATE INDEX blocks_by_blocked ON blocks (blocked_id, blocker_id);

-- S4: a report to the platform; one open report per reporter and subject.
CREATE TABLE reports (
  id           uuid PRIMARY KEY,
  reporter_id  uuid NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('user', 'announcement', 'booking')),
  subject_id   uuid NOT NULL,
  reason       text NOT NULL CHECK (reason IN ('spam', 'harassment', 'unsafe', 'misleading', 'other')),
  details      text CHECK (char_length(details) <= 2000),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at   timestamptz NOT NULL
);
CREATE UNIQUE INDEX reports_one_open ON reports (reporter_id, subject_kind, subject_id) WHERE status = 'open';

-- S5: late cancellations and the host's word on attendance, kept with the booking.
-- Constant defaults and nullable columns: no table rewrite.
ALTER TABLE bookings ADD COLUMN cancelled_late boolean NOT NULL DEFAULT false, ADD COLUMN attended boolean;

-- S1: the point near= measures from (the centre of the place's grid cell), written by the
-- service from the domain's searchPointOf; filled for existing rows by the next migration.
ALTER TABLE announcements ADD COLUMN area_lat double precision, ADD COLUMN area_lon double precision;

-- S4: a report about a person concerns no screening.
ALTER TABLE notifications ALTER COLUMN announcement_id DROP NOT NULL;

-- Down Migration

-- The column stays nullable: reports about people no longer exist to need it.
DELETE FROM notifications WHERE announcement_id IS NULL;
ALTER TABLE announcements DROP COLUMN area_lat, DROP COLUMN area_lon;
ALTER TABLE bookings DROP COLUMN cancelled_late, DROP COLUMN attended;
DROP TABLE reports;
DROP TABLE blocks;
