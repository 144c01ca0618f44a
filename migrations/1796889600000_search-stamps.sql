-- Up Migration
-- Issue 22: a search page answered from a process's cache (pg-search-cache.ts) once the database
-- says nothing could have changed it. A page's hits carry their `detail_stamp`, which is asked
-- for on each read (migration detail-stamps); what a page cannot check by its own hits is a
-- screening that was not on it coming in. That takes a write to the screening other than a seat
-- taken — a new one, an edit, a move, a cancellation, the host's rating, its status — or a seat
-- freed on a full one (`hasSeats`), or a block, invitation, link or rating, which already move
-- `detail_epoch`. So these move it too, at commit, the last lock such a transaction takes, as
-- there. A seat taken does not: it only ever takes a screening out of a search, and bookings stay
-- off the one epoch row (a screening that fills is its own stamp's business).
-- The comparison is of the whole row but the columns a seat count writes, so a column added
-- later moves the epoch without anyone remembering to list it here.
CREATE CONSTRAINT TRIGGER announcements_detail_epoch AFTER INSERT OR DELETE ON announcements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION detail_epoch_bump();
CREATE CONSTRAINT TRIGGER announcements_changed_detail_epoch AFTER UPDATE ON announcements
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN ((to_jsonb(OLD) - '{seats_taken,updated_at,version,detail_stamp}'::text[])
          IS DISTINCT FROM (to_jsonb(NEW) - '{seats_taken,updated_at,version,detail_stamp}'::text[])
        OR (OLD.seats_taken >= OLD.capacity AND NEW.seats_taken < NEW.capacity))
  EXECUTE FUNCTION detail_epoch_bump();
CREATE TRIGGER announcements_truncated_detail_epoch AFTER TRUNCATE ON announcements FOR EACH STATEMENT EXECUTE FUNCTION detail_epoch_bump();

-- Down Migration
DROP TRIGGER IF EXISTS announcements_truncated_detail_epoch ON announcements;
DROP TRIGGER IF EXISTS announcements_changed_detail_epoch ON announcements;
DROP TRIGGER IF EXISTS announcements_detail_epoch ON announcements;
