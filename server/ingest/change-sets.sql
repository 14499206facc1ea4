-- The change set of one import (db/migrations/100_change_sets.sql, 140: the import's own statements fill
-- feature_changes, server/ingest/change-sets.ts).

-- name: begin
-- $1 layer, $2 import run, $3 the layer's table, $4 columns not recorded: the set's id and the columns it records.
WITH cs AS (INSERT INTO change_sets (layer, import_run_id) VALUES ($1, $2) RETURNING id)
SELECT cs.id,
       (SELECT array_agg(attname::text ORDER BY attnum) FROM pg_attribute
        WHERE attrelid = $3::regclass AND attnum > 0 AND NOT attisdropped AND attname <> ALL($4::text[])) AS columns
FROM cs;

-- name: finish
-- $1 change set, $2 rows of the file identical to what the store held, or NULL: the file's $3 rows less those added or changed.
WITH counts AS (
  SELECT count(*) FILTER (WHERE kind = 'added')::int AS added,
         count(*) FILTER (WHERE kind = 'changed')::int AS changed,
         count(*) FILTER (WHERE kind = 'removed')::int AS removed
  FROM feature_changes WHERE change_set_id = $1
)
UPDATE change_sets s SET added = c.added, changed = c.changed, removed = c.removed, unchanged = coalesce($2::int, $3::int - c.added - c.changed)
FROM counts c
WHERE s.id = $1
RETURNING s.added, s.changed, s.removed, s.unchanged;

-- name: versions
SELECT layer, version FROM layer_versions WHERE layer = ANY($1::text[]);

-- name: recordExtents
-- After the versions of layers $2 moved: where change set $1 lies, for each of them (a relinked record lies inside
-- its parent's old or new shape, so inside the change's box too).
INSERT INTO layer_version_extents (layer, version, changed_at, west, south, east, north)
SELECT v.layer, v.version, v.changed_at, ST_XMin(e.box), ST_YMin(e.box), ST_XMax(e.box), ST_YMax(e.box)
FROM layer_versions v,
     (SELECT ST_Extent(x.g)::geometry AS box
      FROM feature_changes f CROSS JOIN LATERAL (VALUES (f.geom_before), (f.geom_after)) x(g)
      WHERE f.change_set_id = $1) e
WHERE v.layer = ANY($2::text[]) AND e.box IS NOT NULL
ON CONFLICT (layer, version) DO NOTHING;
