-- The past stays readable: what a snapshot keeps so that the standards report and an area's coverage can be answered
-- as of a data version or a date (server/history/as-of.ts), not only a trend's pass share.
-- Plain tables and SQL: it runs on PostgreSQL 15 and on PGlite (PostgreSQL 18).

-- A community's result as the report shows it: its name then, the target that applied to it, how far it fell short.
ALTER TABLE standard_snapshot_results
  ADD COLUMN community_name text,
  ADD COLUMN target double precision,
  ADD COLUMN target_max double precision,
  ADD COLUMN shortfall double precision;

-- Each community's and district's coverage in the snapshot: bus stops at 500 m in a straight line and cameras at their
-- own ranges (the default range where they have none), as the coverage cache held them. Distances are kept for
-- everyone and hidden at read time by the same rule as today's (auth/scope: camera distances are not public).
CREATE TABLE coverage_snapshot_results (
  snapshot_id   bigint NOT NULL REFERENCES standard_snapshots(id) ON DELETE CASCADE,
  level         text NOT NULL CHECK (level IN ('communities', 'districts')),
  kind          text NOT NULL CHECK (kind IN ('bus-stops', 'cameras')),
  code          text NOT NULL,
  name          text,
  district_code text,
  reach_m       double precision NOT NULL,
  area_m2       double precision NOT NULL,
  covered_m2    double precision NOT NULL,
  nearest_m     double precision,
  PRIMARY KEY (snapshot_id, level, kind, code)
);
CREATE INDEX coverage_snapshot_results_district_idx ON coverage_snapshot_results (snapshot_id, district_code);
