-- Standards snapshots (db/migrations/101_standards_history.sql).

-- name: newestChangeSet
-- The newest data version, read before a snapshot's results are computed (and again after, to see none came meanwhile).
SELECT max(id) AS id FROM change_sets;

-- name: begin
-- $1 reason, $2 when (NULL: now), $3 the newest data version the results were computed from.
INSERT INTO standard_snapshots (reason, change_set_id, at)
VALUES ($1, $3, coalesce($2::timestamptz, now()))
RETURNING id;

-- name: insertResults
-- $1 snapshot, $2 JSON array of {rule, community, name, district, pass, value, target, targetMax, shortfall}.
INSERT INTO standard_snapshot_results (snapshot_id, rule_id, community_code, community_name, district_code, pass, value, target, target_max, shortfall)
SELECT $1, r ->> 'rule', r ->> 'community', r ->> 'name', r ->> 'district', (r ->> 'pass')::boolean, (r ->> 'value')::float8,
       (r ->> 'target')::float8, (r ->> 'targetMax')::float8, (r ->> 'shortfall')::float8
FROM jsonb_array_elements($2::jsonb) r;

-- name: insertCoverage
-- $1 snapshot, $2 JSON array of {level, kind, code, name, district, reach, area, covered, nearest}.
INSERT INTO coverage_snapshot_results (snapshot_id, level, kind, code, name, district_code, reach_m, area_m2, covered_m2, nearest_m)
SELECT $1, c ->> 'level', c ->> 'kind', c ->> 'code', c ->> 'name', c ->> 'district', (c ->> 'reach')::float8,
       (c ->> 'area')::float8, (c ->> 'covered')::float8, (c ->> 'nearest')::float8
FROM jsonb_array_elements($2::jsonb) c;

-- name: trend
-- One point per month from $3 to $4 (times): the month's last snapshot, its pass share over communities of district $1
-- (NULL: the whole city) for rule $2. Months without a snapshot have no point.
WITH monthly AS (
  SELECT DISTINCT ON (date_trunc('month', s.at AT TIME ZONE $5)) s.id, s.at
  FROM standard_snapshots s
  WHERE s.at >= $3 AND s.at <= $4
  ORDER BY date_trunc('month', s.at AT TIME ZONE $5), s.at DESC, s.id DESC
)
SELECT m.at,
       count(r.pass)::int AS evaluated,
       count(*) FILTER (WHERE r.pass)::int AS passed
FROM monthly m
JOIN standard_snapshot_results r ON r.snapshot_id = m.id AND r.rule_id = $2 AND ($1::text IS NULL OR r.district_code = $1)
GROUP BY m.id, m.at
ORDER BY m.at;

-- name: lastSnapshot
SELECT id, at, change_set_id FROM standard_snapshots ORDER BY id DESC LIMIT 1;

-- name: pruneSnapshots
-- History older than $1 goes; current data is never touched (only the history tables).
WITH gone AS (DELETE FROM standard_snapshots WHERE at < $1 RETURNING id) SELECT count(*)::int AS n FROM gone;

-- name: pruneChangeSets
-- A set's feature changes go with it (no foreign key cascades to them: db/migrations/150).
WITH gone AS (DELETE FROM change_sets WHERE at < $1 RETURNING id),
     changes AS (DELETE FROM feature_changes f WHERE f.change_set_id IN (SELECT id FROM gone))
SELECT count(*)::int AS n FROM gone;
