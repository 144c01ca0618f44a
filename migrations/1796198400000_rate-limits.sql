-- Up Migration

-- Rate limits shared by every API process on one database (rate-limiter-flexible's
-- RateLimiterPostgres, told the table exists): one row per limited key and window.
CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Down Migration

DROP TABLE rate_limits;
