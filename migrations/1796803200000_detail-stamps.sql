-- Up Migration
-- Issue 22: a detail read answered from a process's cache (pg-detail-cache.ts) once the database
-- says nothing it shows has changed. What a detail shows (RULES §6) is the screening's row, its
-- bookings, and — rarer — blocks, invitations, invite links and ratings. Each write to them moves
-- a stamp in the same transaction, so the new stamp is visible exactly when the write is:
--   * announcements.detail_stamp: the id of the last transaction that wrote the screening or one
--     of its bookings. A screening's own writes set it (BEFORE trigger); a booking's set it at
--     commit (deferred), when the transaction already holds the screening's row — every booking
--     write locks its screening first (ARCHITECTURE, lock order) — and most often has already
--     stamped it with the seat count, so the deferred update then writes nothing.
--   * detail_epoch.epoch: one row for the rare writes (blocks, invitations, invite links,
--     ratings), set at commit, the last lock such a transaction takes, so it waits on nobody.
-- A transaction id is never reused, so a cached read whose stamp and epoch equal the current
-- ones is the current read. A new column with a constant default and a new table: safe under a
-- rolling deploy (the previous version's writes fire the triggers too).
ALTER TABLE announcements ADD COLUMN IF NOT EXISTS detail_stamp bigint NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS detail_epoch (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  epoch    bigint NOT NULL
);
INSERT INTO detail_epoch (epoch) VALUES (0) ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION announcements_detail_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.detail_stamp := pg_current_xact_id()::text::bigint;
  RETURN NEW;
END $$;
CREATE TRIGGER announcements_detail_stamp BEFORE INSERT OR UPDATE ON announcements
  FOR EACH ROW EXECUTE FUNCTION announcements_detail_stamp();

CREATE OR REPLACE FUNCTION bookings_detail_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE announcements SET detail_stamp = pg_current_xact_id()::text::bigint
   WHERE id = (CASE WHEN TG_OP = 'DELETE' THEN OLD.announcement_id ELSE NEW.announcement_id END)
     AND detail_stamp <> pg_current_xact_id()::text::bigint;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER bookings_detail_stamp AFTER INSERT OR UPDATE OR DELETE ON bookings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION bookings_detail_stamp();

CREATE OR REPLACE FUNCTION detail_epoch_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE detail_epoch SET epoch = pg_current_xact_id()::text::bigint WHERE epoch <> pg_current_xact_id()::text::bigint;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER blocks_detail_epoch AFTER INSERT OR UPDATE OR DELETE ON blocks
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION detail_epoch_bump();
CREATE CONSTRAINT TRIGGER invitations_detail_epoch AFTER INSERT OR UPDATE OR DELETE ON invitations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION detail_epoch_bump();
CREATE CONSTRAINT TRIGGER invite_links_detail_epoch AFTER INSERT OR UPDATE OR DELETE ON invite_links
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION detail_epoch_bump();
CREATE CONSTRAINT TRIGGER user_ratings_detail_epoch AFTER INSERT OR UPDATE OR DELETE ON user_ratings
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION detail_epoch_bump();
-- TRUNCATE fires no row trigger: emptying any of them moves the epoch (a screening's row gone is a miss anyway).
CREATE TRIGGER bookings_truncated_detail_epoch AFTER TRUNCATE ON bookings FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();
CREATE TRIGGER blocks_truncated_detail_epoch AFTER TRUNCATE ON blocks FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();
CREATE TRIGGER invitations_truncated_detail_epoch AFTER TRUNCATE ON invitations FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();
CREATE TRIGGER invite_links_truncated_detail_epoch AFTER TRUNCATE ON invite_links FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();
CREATE TRIGGER user_ratings_truncated_detail_epoch AFTER TRUNCATE ON user_ratings FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();

-- Down Migration
DROP TRIGGER IF EXISTS user_ratings_truncated_detail_epoch ON user_ratings;
DROP TRIGGER IF EXISTS invite_links_truncated_detail_epoch ON invite_links;
DROP TRIGGER IF EXISTS invitations_truncated_detail_epoch ON invitations;
DROP TRIGGER IF EXISTS blocks_truncated_detail_epoch ON blocks;
DROP TRIGGER IF EXISTS bookings_truncated_detail_epoch ON bookings;
DROP TRIGGER IF EXISTS user_ratings_detail_epoch ON user_ratings;
DROP TRIGGER IF EXISTS invite_links_detail_epoch ON invite_links;
DROP TRIGGER IF EXISTS invitations_detail_epoch ON invitations;
DROP TRIGGER IF EXISTS blocks_detail_epoch ON blocks;
DROP TRIGGER IF EXISTS bookings_detail_stamp ON bookings;
DROP TRIGGER IF EXISTS announcements_detail_stamp ON announcements;
DROP FUNCTION IF EXISTS detail_epoch_bump();
DROP FUNCTION IF EXISTS bookings_detail_stamp();
DROP FUNCTION IF EXISTS announcements_detail_stamp();
DROP TABLE IF EXISTS detail_epoch;
ALTER TABLE announcements DROP COLUMN IF EXISTS detail_stamp;
