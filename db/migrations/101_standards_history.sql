-- The standards as they stood: a snapshot of every community's result per standard, taken at each month's end (on the
-- hub's schedule) and after change sets, so that a trend reads stored months instead of recomputing them.
-- Plain tables and SQL: it runs on PostgreSQL 15 and on PGlite (PostgreSQL 18).

CREATE TABLE standard_snapshots (
  id             bigserial PRIMARY KEY,
  at             timestamptz NOT NULL DEFAULT now(),
  -- month-end, change-set or manual
  reason         text NOT NULL CHECK (reason IN ('month-end', 'change-set', 'manual')),
  -- the newest data version the snapshot saw
  change_set_id  bigint
);
CREATE INDEX standard_snapshots_at_idx ON standard_snapshots (at);

CREATE TABLE standard_snapshot_results (
  snapshot_id    bigint NOT NULL REFERENCES standard_snapshots(id) ON DELETE CASCADE,
  rule_id        text NOT NULL,
  community_code text NOT NULL,
  district_code  text,
  -- null: the community could not be measured (data missing)
  pass           boolean,
  value          double precision,
  PRIMARY KEY (snapshot_id, rule_id, community_code)
);
CREATE INDEX standard_snapshot_results_rule_idx ON standard_snapshot_results (rule_id, district_code, snapshot_id);
