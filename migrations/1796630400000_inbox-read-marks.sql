-- Up Migration
-- Issue 21: an unread count and "mark all read". One read mark per person — the newest
-- notification they have read, by (created_at, id), the inbox's own order — instead of a flag on
-- every notification: marking all read is one row, not an UPDATE of a whole inbox, and the
-- notifications table is not touched (a new table is safe under a rolling deploy).
CREATE TABLE IF NOT EXISTS inbox_reads (
  recipient_id  uuid PRIMARY KEY,
  read_until    timestamptz NOT NULL,
  read_until_id uuid NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS inbox_reads;
