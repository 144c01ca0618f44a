-- Up Migration

-- Short links live with the row they lead to: the code is written in the same transaction
-- as its announcement or booking, so a refused write leaves no link behind (the separate
-- short_links table grew by one orphan per refusal). Existing links keep their codes.
ALTER TABLE announcements ADD COLUMN short_code text;
UPDATE announcements SET short_code = coalesce(substring(short_url FROM '/s/([0-9A-Za-z]{1,32})$'), replace(id::text, '-', ''));
ALTER TABLE announcements ALTER COLUMN short_code SET NOT NULL,
  ADD CONSTRAINT announcements_short_code_format CHECK (short_code ~ '^[0-9A-Za-z]{1,32}$');
CREATE UNIQUE INDEX announcements_by_short_code ON announcements (short_code);

ALTER TABLE bookings ADD COLUMN short_code text;
UPDATE bookings SET short_code = coalesce(substring(short_url FROM '/s/([0-9A-Za-z]{1,32})$'), replace(id::text, '-', ''));
ALTER TABLE bookings ALTER COLUMN short_code SET NOT NULL,
  ADD CONSTRAINT bookings_short_code_format CHECK (short_code ~ '^[0-9A-Za-z]{1,32}$');
CREATE UNIQUE INDEX bookings_by_short_code ON bookings (short_code);

DROP TABLE short_links;

-- Replayed answers are kept as JSON text. jsonb refuses some strings JSON.stringify writes
-- (an escaped NUL or lone surrogate), and a refusal there came after the write had committed.
ALTER TABLE idempotency_keys ALTER COLUMN response TYPE text USING response::text;

-- Down Migration

DELETE FROM idempotency_keys WHERE strpos(response, '\u0000') > 0 OR response ~ '\\ud[89a-f]';
ALTER TABLE idempotency_keys ALTER COLUMN response TYPE jsonb USING response::jsonb;

CREATE TABLE short_links (
  code       text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z]{1,32}$'),
  url        text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO short_links (code, url, created_at)
  SELECT short_code, regexp_replace(short_url, '/s/[^/]*$', '') || '/api/v1/announcements/' || id, created_at FROM announcements
  UNION ALL
  SELECT short_code, regexp_replace(short_url, '/s/[^/]*$', '') || '/api/v1/bookings/' || id, created_at FROM bookings
  ON CONFLICT (code) DO NOTHING;

DROP INDEX bookings_by_short_code;
ALTER TABLE bookings DROP CONSTRAINT bookings_short_code_format, DROP COLUMN short_code;
DROP INDEX announcements_by_short_code;
ALTER TABLE announcements DROP CONSTRAINT announcements_short_code_format, DROP COLUMN short_code;
