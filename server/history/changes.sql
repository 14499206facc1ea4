-- Reading change sets and their feature changes (db/migrations/100_change_sets.sql). {{scope}} is a list of
-- conditions from server/auth/scope.ts over alias f, with their own $n values after the fixed ones.

-- name: dataVersions
-- $1 layer or NULL, $2 after this id (newest first: ids below it) or NULL, $3 how many, $4 not before this time or NULL.
SELECT s.id, s.at, s.layer, s.import_run_id, s.added, s.changed, s.removed, s.unchanged, r.file_name, r.source
FROM change_sets s LEFT JOIN import_runs r ON r.id = s.import_run_id
WHERE ($1::text IS NULL OR s.layer = $1) AND ($2::bigint IS NULL OR s.id < $2) AND ($4::timestamptz IS NULL OR s.at >= $4)
ORDER BY s.id DESC
LIMIT $3;

-- name: changeSet
SELECT id, at, layer FROM change_sets WHERE id = $1;

-- name: firstSetSince
-- The oldest change set at or after $1 (a time): a month's "since" becomes the set before it.
SELECT coalesce(max(id), 0) AS id FROM change_sets WHERE at < $1;

-- name: changes
-- $1 layer, $2 after change set id (exclusive), $3 page cursor: (change set id, code) after which to start, $4 its code,
-- $5 how many, $6 only this change set or NULL. The latest change of each feature since $2 is what the feature went
-- through: its kind is worked out from the first before and the last after (added then removed: nothing to show).
WITH picked AS (
  SELECT f.*, s.at,
         first_value(f.geom_before) OVER w AS first_geom_before, first_value(f.attrs_before) OVER w AS first_attrs_before,
         first_value(f.kind) OVER w AS first_kind, row_number() OVER (PARTITION BY f.code ORDER BY f.change_set_id DESC) AS latest
  FROM feature_changes f JOIN change_sets s ON s.id = f.change_set_id
  WHERE s.layer = $1 AND f.layer = $1 AND f.change_set_id > $2 AND ($6::bigint IS NULL OR f.change_set_id = $6) {{scope}}
  WINDOW w AS (PARTITION BY f.code ORDER BY f.change_set_id)
)
SELECT change_set_id AS version, at, layer, code,
       CASE WHEN first_kind = 'added' AND kind <> 'removed' THEN 'added'
            WHEN kind = 'removed' THEN 'removed'
            WHEN first_kind = 'removed' AND kind = 'added' THEN 'changed'
            ELSE kind END AS kind,
       CASE WHEN first_kind = 'added' THEN NULL ELSE ST_AsGeoJSON(first_geom_before, 7) END AS before,
       ST_AsGeoJSON(geom_after, 7) AS after,
       CASE WHEN first_kind = 'added' THEN NULL ELSE first_attrs_before END AS attrs_before,
       attrs_after
FROM picked
WHERE latest = 1 AND NOT (first_kind = 'added' AND kind = 'removed')
  AND ($3::bigint IS NULL OR (change_set_id, code) < ($3, $4))
ORDER BY change_set_id DESC, code DESC
LIMIT $5;

-- name: counts
-- $1 layer, $2 after change set id (exclusive), $3 only this change set or NULL, $4 only changes touching this district
-- (lying there before or after; a district, itself) or NULL. What each feature went through, counted by kind, as
-- `changes` works it out (added then changed: added; added then removed: nothing).
WITH picked AS (
  SELECT f.code, f.kind, f.district_code,
         first_value(f.kind) OVER w AS first_kind, first_value(f.attrs_before) OVER w AS first_attrs_before,
         row_number() OVER (PARTITION BY f.code ORDER BY f.change_set_id DESC) AS latest
  FROM feature_changes f JOIN change_sets s ON s.id = f.change_set_id
  WHERE s.layer = $1 AND f.layer = $1 AND f.change_set_id > $2 AND ($3::bigint IS NULL OR f.change_set_id = $3) {{scope}}
  WINDOW w AS (PARTITION BY f.code ORDER BY f.change_set_id)
), net AS (
  SELECT CASE WHEN first_kind = 'added' AND kind <> 'removed' THEN 'added'
              WHEN kind = 'removed' THEN 'removed'
              WHEN first_kind = 'removed' AND kind = 'added' THEN 'changed'
              ELSE kind END AS kind
  FROM picked
  WHERE latest = 1 AND NOT (first_kind = 'added' AND kind = 'removed')
    AND ($4::text IS NULL OR CASE WHEN $1 = 'districts' THEN code = $4
                                  ELSE district_code = $4 OR (first_kind <> 'added' AND first_attrs_before ->> 'district_code' = $4) END)
)
SELECT count(*) FILTER (WHERE kind = 'added')::int AS added,
       count(*) FILTER (WHERE kind = 'changed')::int AS changed,
       count(*) FILTER (WHERE kind = 'removed')::int AS removed
FROM net;
