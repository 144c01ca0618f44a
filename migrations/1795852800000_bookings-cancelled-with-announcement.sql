-- Up Migration

-- A5: a friends-only screening stays visible to its participants and applicants, and to the
-- guests whose bookings ended with it when it was cancelled (A6) — not to a guest who was
-- rejected or left. The booking says which of its cancellations it was.
ALTER TABLE bookings ADD COLUMN cancelled_with_announcement boolean NOT NULL DEFAULT false;
UPDATE bookings b SET cancelled_with_announcement = true FROM announcements a
 WHERE a.id = b.announcement_id AND a.status = 'cancelled' AND b.status = 'cancelled' AND b.updated_at >= a.updated_at;
ALTER TABLE bookings ADD CONSTRAINT bookings_cancelled_with_announcement_is_cancelled
  CHECK (NOT cancelled_with_announcement OR status = 'cancelled');

-- Down Migration

ALTER TABLE bookings DROP CONSTRAINT bookings_cancelled_with_announcement_is_cancelled, DROP COLUMN cancelled_with_announcement;
