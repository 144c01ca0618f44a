-- Up Migration

-- The outbox is also the dispatcher's queue: each row carries where its delivery stands.
-- Rows written before there was a dispatcher were delivered by the inbox, so they count as such.
ALTER TABLE notifications
  ADD COLUMN attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN last_error      text CHECK (char_length(last_error) <= 1000),
  ADD COLUMN dead_at         timestamptz,
  -- Reminders only: the start time they announce.
  ADD COLUMN reminder_for    timestamptz;
UPDATE notifications SET delivered_at = created_at WHERE delivered_at IS NULL;
ALTER TABLE notifications
  ADD CONSTRAINT notifications_delivered_or_dead CHECK (delivered_at IS NULL OR dead_at IS NULL),
  ADD CONSTRAINT notifications_reminder_for_reminders
    CHECK ((reminder_for IS NOT NULL) = (type IN ('announcement.reminder_24h', 'announcement.reminder_1h')));
DROP INDEX notifications_undelivered;
-- What the dispatcher claims, in order; and the backlog's oldest row, for the outbox-lag metric.
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
CREATE INDEX notifications_dead ON notifications (dead_at) WHERE dead_at IS NOT NULL;
-- RULES §4, reminders are not sent twice: one per person, kind and start time, whatever runs how often.
CREATE UNIQUE INDEX notifications_one_reminder ON notifications (announcement_id, recipient_id, type, reminder_for)
  WHERE reminder_for IS NOT NULL;

-- When the current start time was set: a reminder whose moment came before it is not due.
ALTER TABLE announcements ADD COLUMN start_set_at timestamptz;
UPDATE announcements SET start_set_at = created_at;
ALTER TABLE announcements ALTER COLUMN start_set_at SET NOT NULL,
  ADD CONSTRAINT announcements_start_set_before_start CHECK (start_set_at < starts_at);

-- Down Migration

ALTER TABLE announcements DROP CONSTRAINT announcements_start_set_before_start, DROP COLUMN start_set_at;
DROP INDEX notifications_one_reminder;
DROP INDEX notifications_dead;
DROP INDEX notifications_undelivered;
DROP INDEX notifications_due;
ALTER TABLE notifications DROP CONSTRAINT notifications_reminder_for_reminders, DROP CONSTRAINT notifications_delivered_or_dead,
  DROP COLUMN reminder_for, DROP COLUMN dead_at, DROP COLUMN last_error, DROP COLUMN next_attempt_at, DROP COLUMN attempts;
CREATE INDEX notifications_undelivered ON notifications (created_at) WHERE delivered_at IS NULL;
