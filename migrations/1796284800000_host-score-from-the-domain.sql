-- Up Migration

-- RULES §5: the host's Bayesian score is computed in one place, the domain (ratingSide), and
-- stored by the use case that changes it; the database only keeps and filters on that number.
-- A user's own copy, which a new screening of theirs starts from:
ALTER TABLE user_ratings ADD COLUMN host_score numeric(3, 2) NOT NULL DEFAULT 3.00;
-- PostgreSQL's numeric rounding of the same formula is exact, as the domain's now is: equal for
-- every (count, sum) (test/contract/rating-score.test.ts), so the scores kept so far carry over.
UPDATE user_ratings SET host_score = bayesian_score(host_sum, host_count) WHERE host_count > 0;

-- The trigger only adds up scores now; it no longer rewrites the host's screenings, which the
-- use case does in id order after the rating and its totals (the rating's place in the lock order).
CREATE OR REPLACE FUNCTION ratings_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  who uuid;
  side text;
  d_sum integer;
  d_count integer;
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
      guest_sum = r.guest_sum + excluded.guest_sum, guest_count = r.guest_count + excluded.guest_count;
  END LOOP;
  RETURN NULL;
END $$;
-- bayesian_score() stays for one release: a process of the previous version, still running
-- during a rolling deploy, inserts screenings with it.

-- Down Migration

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
ALTER TABLE user_ratings DROP COLUMN host_score;
