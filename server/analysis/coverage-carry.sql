-- Coverage entries carried over a change: after an import moves a layer's version, the cache entries the change cannot
-- reach are given the new version, so they stay warm with their numbers unchanged; the others stop matching and are
-- computed again when next asked. {{areas}} is filled from area-levels.ts.

-- name: carryAreas
-- Areas of layer $1 whose own record did not change in change set $2 ($2 NULL: none changed, only links moved).
-- $3 the layer's version before the change.
UPDATE coverage_cache c SET area_version = $3 + 1
WHERE c.area_layer = $1 AND c.area_version = $3
  AND ($2::bigint IS NULL OR c.area_code NOT IN (SELECT f.code FROM feature_changes f WHERE f.change_set_id = $2));

-- name: carryAllSources
-- Entries of models $1 whose source layer moved without a site moving (only its links changed). $2 version before.
UPDATE coverage_cache c SET source_version = $2 + 1
WHERE c.model = ANY($1::text[]) AND c.source_version = $2;

-- name: carrySources
-- Entries of model $2 over areas of layer $4 that no site of change set $1 can reach, at its old or its new position:
-- farther than the entry's reach (a camera's own range where it has one) and farther than the area's nearest site
-- (a closer site, or the loss of the nearest one, changes nearest_m). Distances on the spheroid, with a margin: an
-- area carried is one no change reaches; one recomputed without need gets the same numbers. $3 version before.
-- The areas within reach are found from the moved sites through the areas' GiST index (a large change set is then
-- one index probe per site, not a scan of the sites per entry); only entries whose nearest site lies beyond the
-- reach are checked against the sites one by one.
WITH moved AS MATERIALIZED (
  SELECT v.g, (v.attrs ->> 'range_m')::float8 AS range_m
  FROM feature_changes f
  CROSS JOIN LATERAL (VALUES (f.geom_before, f.attrs_before), (f.geom_after, f.attrs_after)) v(g, attrs)
  WHERE f.change_set_id = $1 AND v.g IS NOT NULL
),
keys AS MATERIALIZED (
  SELECT DISTINCT params_key, coalesce(atlas_params_reach_m(params_key), 0) AS reach_m
  FROM coverage_cache WHERE area_layer = $4 AND model = $2 AND source_version = $3
),
reached AS MATERIALIZED (
  SELECT DISTINCT k.params_key, a.code
  FROM keys k CROSS JOIN moved m
  JOIN {{areas}} a ON a.geom && atlas_degree_box(m.g, coalesce(m.range_m, k.reach_m))
  WHERE ST_DWithin(a.geom::geography, m.g::geography, coalesce(m.range_m, k.reach_m) * 1.001 + 1)
),
narrowest AS MATERIALIZED (
  -- within every moved site's own reach, an entry's nearest site needs no check of its own
  SELECT k.params_key, min(coalesce(m.range_m, k.reach_m)) AS reach_m FROM keys k CROSS JOIN moved m GROUP BY k.params_key
)
UPDATE coverage_cache c SET source_version = $3 + 1
FROM {{areas}} a, narrowest w
WHERE c.area_layer = $4 AND c.model = $2 AND c.source_version = $3 AND a.code = c.area_code AND w.params_key = c.params_key
  AND NOT EXISTS (SELECT 1 FROM reached x WHERE x.params_key = c.params_key AND x.code = c.area_code)
  AND c.nearest_m IS NOT NULL
  AND (c.nearest_m <= w.reach_m OR NOT EXISTS (
    SELECT 1 FROM moved m
    WHERE a.geom && atlas_degree_box(m.g, c.nearest_m) AND ST_DWithin(a.geom::geography, m.g::geography, c.nearest_m * 1.001 + 1)));
