-- Which snapshot answers "as of" a data version or a date (db/migrations/101 and 120). A snapshot holds the data of
-- the newest change set that changed something at or before its change_set_id (0: before any); empty change sets
-- (a re-import of the same file) change nothing, so a version they name is answered by the one before them.

-- name: version
SELECT id, at FROM change_sets WHERE id = $1;

-- name: effectiveVersion
-- $1 a data version, or NULL with $2 a time: the newest change set at or before it that changed something (0: none).
SELECT coalesce(max(id), 0)::bigint AS id
FROM change_sets
WHERE added + changed + removed > 0 AND ($1::bigint IS NULL OR id <= $1) AND ($2::timestamptz IS NULL OR at <= $2);

-- name: nextVersion
-- The first change set after $1 that changed something: the data of version $1 lasted until then.
SELECT id, at FROM change_sets WHERE id > $1 AND added + changed + removed > 0 ORDER BY id LIMIT 1;

-- name: holding
-- Snapshots holding the data of effective version $1 (their change set is at least $1 and before $2, the next
-- version; $2 NULL: none came since). $3 a time or NULL: the newest snapshot at or before it first, else the earliest
-- after; without a time, the earliest (the one taken closest to when the version was current).
SELECT s.id, s.at, s.change_set_id
FROM standard_snapshots s
WHERE coalesce(s.change_set_id, 0) >= $1 AND ($2::bigint IS NULL OR coalesce(s.change_set_id, 0) < $2)
ORDER BY CASE WHEN $3::timestamptz IS NOT NULL AND s.at <= $3 THEN 0 ELSE 1 END,
         CASE WHEN $3::timestamptz IS NOT NULL AND s.at <= $3 THEN -extract(epoch FROM s.at) ELSE extract(epoch FROM s.at) END,
         s.id
LIMIT 1;

-- name: span
-- The snapshots history keeps, for the sentence when none holds what was asked.
SELECT min(at) AS first_at, max(at) AS last_at, count(*)::int AS n FROM standard_snapshots;

-- name: standardResults
-- $1 snapshot, $2 rule ids, $3 district or NULL, $4 the caller's own district (an official) or NULL.
SELECT rule_id, community_code, community_name, district_code, pass, value, target, target_max, shortfall
FROM standard_snapshot_results
WHERE snapshot_id = $1 AND rule_id = ANY($2::text[])
  AND ($3::text IS NULL OR district_code = $3) AND ($4::text IS NULL OR district_code = $4)
ORDER BY rule_id, community_code;

-- name: rulesKept
SELECT DISTINCT rule_id FROM standard_snapshot_results WHERE snapshot_id = $1;

-- name: districtCoverage
-- $1 snapshot, $2 district: the district's own rows and its communities'.
SELECT level, kind, code, name, district_code, reach_m, area_m2, covered_m2, nearest_m
FROM coverage_snapshot_results
WHERE snapshot_id = $1 AND district_code = $2
ORDER BY level, code, kind;
