-- Standards snapshots (db/migrations/101_standards_history.sql).

-- name: begin
INSERT INTO standard_snapshots (reason, change_set_id, at)
VALUES ($1, (SELECT max(id) FROM change_sets), coalesce($2::timestamptz, now()))
RETURNING id;

-- name: insertResults
-- $1 snapshot, $2 JSON array of {rule, community, district, pass, value}.
INSERT INTO standard_snapshot_results (snapshot_id, rule_id, community_code, district_code, pass, value)
SELECT $1, r ->> 'rule', r ->> 'community', r ->> 'district', (r ->> 'pass')::boolean, (r ->> 'value')::float8
FROM jsonb_array_elements($2::jsonb) r;

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
WITH gone AS (DELETE FROM change_sets WHERE at < $1 RETURNING id) SELECT count(*)::int AS n FROM gone;
