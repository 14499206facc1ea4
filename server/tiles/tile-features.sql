-- The features of each tile layer: an `id`, a `properties` jsonb (what the map styles by) and `geom` in EPSG:3857,
-- simplified for the zoom. tile-sql.ts puts a `bounds` CTE in front (env: the tile in 3857; env_4326: the same box in
-- WGS84, for the GiST indexes on geom; tolerance: simplification in 3857 metres). Catchments and sectors are drawn in
-- each site's own zone (geom_m, view_m) and then brought into 3857.
-- Parameters: $1 z, $2 x, $3 y, $4 the only district whose rows the viewer may read (NULL: every row; auth/scope.ts
-- rowScope decides per layer, and gives NULL for districts, bus stops and roads, which are public facts; a layer whose
-- rows the viewer may not read at all, cameras for the public, is never queried), then per query.
-- Layers drawn from coverage_cache (communities, coverageGaps) also return `coverage_missing`: true for a community in
-- the tile's box whose cached coverage is absent or older than its layers (the analysis module's freshness rule). The
-- tile statement counts them, so a warm tile is one statement and the hub computes coverage only when one is missing.

-- name: districts
SELECT t.id, jsonb_strip_nulls(jsonb_build_object('code', t.code, 'name', t.name)) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), b.tolerance) AS geom
FROM bounds b
JOIN districts t ON t.geom && b.env_4326
WHERE ($4::text IS NULL OR t.code = $4)

-- name: communities
-- Coverage comes from coverage_cache (server/analysis) where it is fresh: $5 the bus model, $6 its params key, $7 the
-- camera model, $8 its params key. On Citus a community's grid cells and sites are counted in its district, so that
-- the join stays on the district's shard (server/db/distribution.ts forStore keeps the `where distributed` lines there
-- only): the same counts wherever a community's cells and sites lie in its district, as linked ones do unless the
-- community crosses a district border.
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'kind', t.kind, 'households', t.households, 'district_code', t.district_code,
         'street', t.street,
         'bus_coverage_share', round((bus.covered_m2 / NULLIF(bus.area_m2, 0))::numeric, 4),
         'camera_coverage_share', round((cam.covered_m2 / NULLIF(cam.area_m2, 0))::numeric, 4),
         'grid_cells', grid.cells,
         'grid_cells_without_worker', grid.without_worker,
         'grid_workers_pass', CASE WHEN grid.cells > 0 THEN grid.without_worker = 0 END,
         'renovation_sites', renovation.sites,
         'renovation_completed', renovation.completed
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), b.tolerance) AS geom,
       bus.area_code IS NULL OR cam.area_code IS NULL AS coverage_missing
FROM bounds b
CROSS JOIN coverage_versions v
JOIN communities t ON t.geom && b.env_4326
LEFT JOIN coverage_cache bus ON bus.area_layer = 'communities' AND bus.area_code = t.code AND bus.model = $5 AND bus.params_key = $6
  AND bus.area_version = v.communities AND bus.source_version = v.bus_stops
LEFT JOIN coverage_cache cam ON cam.area_layer = 'communities' AND cam.area_code = t.code AND cam.model = $7 AND cam.params_key = $8
  AND cam.area_version = v.communities AND cam.source_version = v.cameras
LEFT JOIN LATERAL (
  SELECT count(*)::integer AS cells, count(*) FILTER (WHERE COALESCE(g.workers, 0) < 1)::integer AS without_worker
  FROM grid_cells g WHERE g.community_code = t.code
    AND g.district_code = t.district_code -- where distributed
) grid ON true
LEFT JOIN LATERAL (
  SELECT count(*)::integer AS sites, count(*) FILTER (WHERE s.status = 'completed')::integer AS completed
  FROM renovation_sites s WHERE s.community_code = t.code
    AND s.district_code = t.district_code -- where distributed
) renovation ON true
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: gridCells
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'community_code', t.community_code, 'district_code', t.district_code,
         'workers', t.workers, 'households', t.households, 'has_worker', COALESCE(t.workers, 0) >= 1
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), b.tolerance) AS geom
FROM bounds b
JOIN grid_cells t ON t.geom && b.env_4326
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: cameras
-- $5 the range of a camera whose record has none. A camera's stored view (view_m) is its sector at its own range.
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'community_code', t.community_code, 'district_code', t.district_code,
         'direction_deg', t.direction_deg, 'fov_deg', t.fov_deg, 'range_m', COALESCE(t.range_m, $5::float8), 'operator', t.operator
       )) AS properties,
       ST_Transform(t.geom, 3857) AS geom
FROM bounds b
JOIN cameras t ON t.geom && b.env_4326
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: busStops
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'routes', t.routes, 'community_code', t.community_code, 'district_code', t.district_code
       )) AS properties,
       ST_Transform(t.geom, 3857) AS geom
FROM bounds b
JOIN bus_stops t ON t.geom && b.env_4326
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: renovationSites
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'community_code', t.community_code, 'district_code', t.district_code,
         'status', t.status, 'program', t.program, 'plan_year', t.plan_year, 'completed_on', t.completed_on,
         'households', t.households,
         'checklist_done', atlas_checklist_done(t.checklist),
         'checklist_total', cardinality(atlas_checklist_items())
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(t.geom, 3857), b.tolerance) AS geom
FROM bounds b
JOIN renovation_sites t ON t.geom && b.env_4326
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: roads
-- Roads are public facts and have no district column: $4 is NULL for every viewer (a district would match nothing).
SELECT t.id, jsonb_strip_nulls(jsonb_build_object('code', t.code, 'name', t.name, 'kind', t.kind)) AS properties,
       ST_Simplify(ST_Transform(t.geom, 3857), b.tolerance) AS geom
FROM bounds b
JOIN roads t ON t.geom && b.env_4326
WHERE $4::text IS NULL

-- name: stopCatchments
-- $5 the catchment radius in metres.
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'community_code', t.community_code, 'district_code', t.district_code, 'radius_m', $5::float8
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(atlas_coverage_circle(t.geom_m, $5::float8), 3857), b.tolerance) AS geom
FROM bounds b
JOIN bus_stops t ON t.geom && atlas_expand_by_m(b.env_4326, $5::float8)
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: cameraSectors
-- $5 the range of a camera whose record has none. A camera's stored view (view_m) is its sector at its own range.
WITH reach AS (SELECT GREATEST(max(range_m), $5::float8) AS max_range_m FROM cameras)
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'community_code', t.community_code, 'district_code', t.district_code,
         'direction_deg', t.direction_deg, 'fov_deg', t.fov_deg, 'range_m', COALESCE(t.range_m, $5::float8)
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(COALESCE(t.view_m, atlas_camera_view(t.geom_m, t.geom, t.direction_deg, t.fov_deg, $5::float8)), 3857), b.tolerance) AS geom
FROM bounds b
CROSS JOIN reach r
JOIN cameras t ON t.geom && atlas_expand_by_m(b.env_4326, r.max_range_m)
WHERE ($4::text IS NULL OR t.district_code = $4)

-- name: coverageGaps
-- The parts of each community the bus model leaves uncovered (standard bus-stop-500m), from coverage_cache where it is
-- fresh: $5 the bus model, $6 its params key, $7 the radius in metres. A community without fresh coverage has no
-- geometry (it is not drawn) and counts as missing.
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'community_code', t.code, 'name', t.name, 'district_code', t.district_code, 'standard', 'bus-stop-500m',
         'radius_m', $7::float8, 'uncovered_m2', round((c.area_m2 - c.covered_m2)::numeric, 1),
         'uncovered_share', round(((c.area_m2 - c.covered_m2) / NULLIF(c.area_m2, 0))::numeric, 4)
       )) AS properties,
       CASE WHEN c.area_code IS NOT NULL
         THEN ST_SimplifyPreserveTopology(ST_Transform(atlas_polygons_at_least(c.gaps_m, 1), 3857), b.tolerance) END AS geom,
       c.area_code IS NULL AS coverage_missing
FROM bounds b
CROSS JOIN coverage_versions v
JOIN communities t ON t.geom && b.env_4326
LEFT JOIN coverage_cache c ON c.area_layer = 'communities' AND c.area_code = t.code AND c.model = $5 AND c.params_key = $6
  AND c.area_version = v.communities AND c.source_version = v.bus_stops
WHERE ($4::text IS NULL OR t.district_code = $4) AND (c.area_code IS NULL OR c.area_m2 - c.covered_m2 >= 1)

-- name: stopWalkCatchments
-- Each stop's walking catchment of $5 metres (db/migrations/090_walk_network.sql), at the configured access distance;
-- built by the tile service before the query runs.
SELECT t.id,
       jsonb_strip_nulls(jsonb_build_object(
         'code', t.code, 'name', t.name, 'community_code', t.community_code, 'district_code', t.district_code,
         'radius_m', $5::float8, 'access_m', c.access_m, 'reached_length_m', round(c.reached_length_m::numeric, 1)
       )) AS properties,
       ST_SimplifyPreserveTopology(ST_Transform(c.geom, 3857), b.tolerance) AS geom
FROM bounds b
JOIN stop_walk_catchments c ON c.geom && b.env_4326 AND c.radius_m = $5::float8 AND c.access_m = atlas_walk_access_m()
JOIN bus_stops t ON t.code = c.stop_code
WHERE ($4::text IS NULL OR t.district_code = $4)
