-- The walk catchments' bookkeeping and searches (db/migrations/090_walk_network.sql has the functions they call).

-- name: freshness
-- Whether the network and entries match the roads, the stops and the settings, and whether catchments of
-- ($1 radius, $2 access or NULL for the setting) are complete.
SELECT coalesce(s.roads_version = (SELECT version FROM layer_versions WHERE layer = 'roads')
                AND s.snap_m = atlas_walk_snap_m(), false) AS network_fresh,
       coalesce(s.stops_version = (SELECT version FROM layer_versions WHERE layer = 'bus-stops')
                AND s.max_stop_m = atlas_walk_max_stop_m() AND s.access_m = atlas_walk_access_m(), false) AS entries_fresh,
       EXISTS (SELECT 1 FROM walk_catchment_sets c WHERE c.radius_m = $1 AND c.access_m = coalesce($2::float8, atlas_walk_access_m())) AS set_built,
       atlas_walk_access_m() AS access_m, atlas_walk_snap_m() AS snap_m, atlas_walk_max_stop_m() AS max_stop_m
FROM (SELECT 1) one LEFT JOIN walk_state s ON true;

-- name: buildNetwork
-- $1 snapping tolerance in metres.
SELECT atlas_build_road_network($1::float8) AS warnings;

-- name: locateStops
-- $1 the farthest a stop may stand from every road.
SELECT atlas_locate_walk_stops($1::float8);

-- name: recordState
-- $1 snap, $2 max stop distance, $3 access, $4 warnings (JSON); bumps the catchments' version so cached coverage goes stale.
WITH network AS (
  SELECT count(*)::integer AS edges, coalesce(sum(length_m), 0) AS length_m,
         (SELECT count(*) FROM (SELECT source FROM road_edges UNION SELECT target FROM road_edges) n)::integer AS nodes
  FROM road_edges
), bumped AS (
  UPDATE layer_versions SET version = version + 1, changed_at = now() WHERE layer = 'walk-catchments'
)
INSERT INTO walk_state AS w (singleton, roads_version, stops_version, snap_m, max_stop_m, access_m, node_count, edge_count, length_m, warnings, built_at)
SELECT true, (SELECT version FROM layer_versions WHERE layer = 'roads'), (SELECT version FROM layer_versions WHERE layer = 'bus-stops'),
       $1, $2, $3, n.nodes, n.edges, n.length_m, $4::jsonb, now()
FROM network n
ON CONFLICT (singleton) DO UPDATE SET roads_version = EXCLUDED.roads_version, stops_version = EXCLUDED.stops_version,
  snap_m = EXCLUDED.snap_m, max_stop_m = EXCLUDED.max_stop_m, access_m = EXCLUDED.access_m, node_count = EXCLUDED.node_count,
  edge_count = EXCLUDED.edge_count, length_m = EXCLUDED.length_m,
  warnings = CASE WHEN EXCLUDED.warnings = '[]'::jsonb THEN w.warnings ELSE EXCLUDED.warnings END, built_at = now();

-- name: previousWarnings
SELECT coalesce((SELECT warnings FROM walk_state), '[]'::jsonb) AS warnings;

-- name: edges
SELECT id, source, target, length_m AS "lengthM" FROM road_edges;

-- name: entries
SELECT stop_code AS "stopCode", edge_id AS "edgeId", position_m AS "positionM" FROM walk_stop_entries WHERE edge_id IS NOT NULL ORDER BY stop_code;

-- name: storeReached
-- $1 radius, $2 stop codes, $3 node ids, $4 distances (one element per reached node).
INSERT INTO walk_reached (radius_m, stop_code, node_id, distance_m)
SELECT $1, c, n, d FROM unnest($2::text[], $3::integer[], $4::float8[]) AS r(c, n, d);

-- name: pgRoutingReached
-- pgRouting's multi-source driving distance over the network, each stop a vertex joined to both ends of its edge;
-- rows as JSON, since 3.4 names the start column from_v and 3.6 start_vid. $1 radius.
SELECT w.stop_code, (r->>'node')::integer AS node_id, (r->>'agg_cost')::float8 AS distance_m
FROM pgr_drivingDistance(
  $q$SELECT id, source, target, length_m AS cost FROM road_edges
     UNION ALL SELECT 1000000000 + 2 * w.vertex_id, w.vertex_id, e.source, w.position_m
       FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id
     UNION ALL SELECT 1000000001 + 2 * w.vertex_id, w.vertex_id, e.target, e.length_m - w.position_m
       FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id$q$,
  (SELECT coalesce(array_agg(vertex_id::bigint ORDER BY vertex_id), '{}') FROM walk_stop_entries WHERE edge_id IS NOT NULL),
  $1::float8, directed := false) d
CROSS JOIN LATERAL (SELECT to_jsonb(d) AS r) j
JOIN walk_stop_entries w ON w.vertex_id = coalesce(r->>'from_v', r->>'start_vid')::integer
WHERE (r->>'node')::integer < (SELECT min(vertex_id) FROM walk_stop_entries);

-- name: pgRoutingStore
-- The same, stored, from the stops $2 only. $1 radius.
INSERT INTO walk_reached (radius_m, stop_code, node_id, distance_m)
SELECT $1, w.stop_code, (r->>'node')::integer, (r->>'agg_cost')::float8
FROM pgr_drivingDistance(
  $q$SELECT id, source, target, length_m AS cost FROM road_edges
     UNION ALL SELECT 1000000000 + 2 * w.vertex_id, w.vertex_id, e.source, w.position_m
       FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id
     UNION ALL SELECT 1000000001 + 2 * w.vertex_id, w.vertex_id, e.target, e.length_m - w.position_m
       FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id$q$,
  (SELECT coalesce(array_agg(vertex_id::bigint ORDER BY vertex_id), '{}') FROM walk_stop_entries WHERE edge_id IS NOT NULL AND stop_code = ANY($2::text[])),
  $1::float8, directed := false) d
CROSS JOIN LATERAL (SELECT to_jsonb(d) AS r) j
JOIN walk_stop_entries w ON w.vertex_id = coalesce(r->>'from_v', r->>'start_vid')::integer
WHERE (r->>'node')::integer < (SELECT min(vertex_id) FROM walk_stop_entries);

-- name: buildCatchments
-- $1 radius, $2 access, $3 the stops to draw.
SELECT atlas_build_walk_catchments($1::float8, $2::float8, $3::text[]);

-- name: recordSet
-- $1 radius, $2 access: every stop's catchment of them is there.
INSERT INTO walk_catchment_sets (radius_m, access_m) VALUES ($1, $2) ON CONFLICT DO NOTHING;

-- name: catchmentSets
SELECT radius_m, access_m FROM walk_catchment_sets ORDER BY radius_m, access_m;

-- name: stopsWithout
-- The stops on the network with no catchment of ($1 radius, $2 access).
SELECT w.stop_code FROM walk_stop_entries w
WHERE w.edge_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM stop_walk_catchments c WHERE c.radius_m = $1 AND c.access_m = $2 AND c.stop_code = w.stop_code)
ORDER BY w.stop_code;

-- name: forgetReached
-- $1 radius, $2 stops: their distances are searched again.
DELETE FROM walk_reached WHERE radius_m = $1 AND stop_code = ANY($2::text[]);

-- name: snapshotWalk
-- The network's edges and the stops' entry points before a rebuild (compared by staleCatchments). Edge ids and node
-- ids are renumbered by a rebuild, so the distances searched over the old numbering go.
DROP TABLE IF EXISTS pg_temp.walk_old_edges, pg_temp.walk_old_entries;
CREATE TEMP TABLE walk_old_edges ON COMMIT DROP AS SELECT geom FROM road_edges;
CREATE INDEX ON walk_old_edges USING gist (geom);
CREATE TEMP TABLE walk_old_entries ON COMMIT DROP AS
  SELECT w.stop_code, e.geom AS edge_geom, ST_Transform(ST_LineInterpolatePoint(e.geom_m, least(1, greatest(0, w.position_m / e.length_m))), 4326) AS entry_point
  FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id;
DELETE FROM walk_reached;

-- name: staleCatchments
-- After a rebuild: the catchments (of every radius) of the stops whose entry point moved, and of those whose reached
-- streets touch an edge that is new or gone ($1: the network was rebuilt), are deleted; every other catchment stays as
-- it was. A walk that changes must pass through a changed edge first, and the part of it before that edge is an old
-- walk, so the old reached streets touch that edge. Edges are the same when their coordinates are, in either direction.
WITH changed AS (
  SELECT o.geom FROM walk_old_edges o
  WHERE $1::boolean AND NOT EXISTS (SELECT 1 FROM road_edges e WHERE e.geom && o.geom AND (e.geom = o.geom OR e.geom = ST_Reverse(o.geom)))
  UNION ALL
  SELECT e.geom FROM road_edges e
  WHERE $1::boolean AND NOT EXISTS (SELECT 1 FROM walk_old_edges o WHERE o.geom && e.geom AND (e.geom = o.geom OR e.geom = ST_Reverse(o.geom)))
), entries AS (
  SELECT w.stop_code, e.geom AS edge_geom, ST_Transform(ST_LineInterpolatePoint(e.geom_m, least(1, greatest(0, w.position_m / e.length_m))), 4326) AS entry_point
  FROM walk_stop_entries w JOIN road_edges e ON e.id = w.edge_id
), moved AS (
  SELECT k.stop_code FROM (SELECT DISTINCT stop_code FROM stop_walk_catchments) k
  WHERE NOT EXISTS (
    SELECT 1 FROM walk_old_entries o JOIN entries n ON n.stop_code = o.stop_code
    WHERE o.stop_code = k.stop_code AND (n.edge_geom = o.edge_geom OR n.edge_geom = ST_Reverse(o.edge_geom))
      AND ST_DWithin(n.entry_point, o.entry_point, 1e-9)
  )
), touched AS (
  SELECT DISTINCT c.stop_code FROM stop_walk_catchments c JOIN changed x ON c.geom && x.geom AND ST_DWithin(c.reached_geom, x.geom, 1e-8)
), gone AS (
  DELETE FROM stop_walk_catchments c
  WHERE c.stop_code IN (SELECT stop_code FROM moved UNION SELECT stop_code FROM touched)
  RETURNING c.radius_m, c.geom
)
INSERT INTO walk_changed_shapes (radius_m, geom) SELECT radius_m, geom FROM gone;

-- name: changedShapes
-- The catchments a rebuild changes, of every radius: those staleCatchments deleted (their old shapes) and those
-- fillCatchments then draws (their new shapes). carryCoverage keeps the cached walking coverage no such shape reaches.
DROP TABLE IF EXISTS pg_temp.walk_changed_shapes;
CREATE TEMP TABLE walk_changed_shapes (radius_m double precision NOT NULL, geom geometry NOT NULL) ON COMMIT DROP;
CREATE INDEX ON walk_changed_shapes USING gist (geom);

-- name: drawnShapes
-- $1 radius, $2 access, $3 the stops just drawn: their new shapes are changes too.
INSERT INTO walk_changed_shapes (radius_m, geom)
SELECT c.radius_m, c.geom FROM stop_walk_catchments c WHERE c.radius_m = $1 AND c.access_m = $2 AND c.stop_code = ANY($3::text[]);

-- name: walkVersion
SELECT coalesce((SELECT version FROM layer_versions WHERE layer = 'walk-catchments'), 0) AS version,
       (SELECT access_m FROM walk_state) AS access_m;

-- name: carryCoverage
-- After a rebuild, in its transaction: the cached walking coverage ($1 the model) of areas of layer $4 ({{areas}})
-- that no changed catchment of their radius reaches is carried from version $2 to $3 of the catchments. "Reaches" is
-- the cover function's own test (the catchment's box meets the area's search box, 132_walk_boxes.sql): the shapes it
-- unions for a carried area are then the same rows as before, so the carried gaps are what a recompute would give.
-- The nearest stop on the network is cheap and may have moved (a stop moved, or left or joined the network): it is
-- measured again. Only radii whose catchments are all drawn at the current access are carried.
UPDATE coverage_cache c
SET source_version = $3, nearest_m = {{nearest}}(a.geom_m, atlas_reach_box(a.geom_m, 0), '{}'::text[], '[]'::jsonb)
FROM {{areas}} a
WHERE c.area_layer = $4 AND c.model = $1 AND c.source_version = $2 AND a.code = c.area_code
  AND EXISTS (SELECT 1 FROM walk_catchment_sets s WHERE s.radius_m = atlas_params_reach_m(c.params_key) AND s.access_m = atlas_walk_access_m())
  AND NOT EXISTS (
    SELECT 1 FROM walk_changed_shapes x
    WHERE x.radius_m = atlas_params_reach_m(c.params_key) AND x.geom && atlas_reach_box(a.geom_m, 0));

-- name: hasPgRouting
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pgrouting') AS present;

-- name: status
-- The network and the stops that enter it at no road.
SELECT s.node_count AS "nodeCount", s.edge_count AS "edgeCount", s.length_m AS "lengthM", s.warnings,
       s.snap_m AS "snapToleranceM", s.max_stop_m AS "maxStopDistanceM", s.access_m AS "accessMeters",
       coalesce((SELECT jsonb_agg(jsonb_build_object('code', w.stop_code, 'name', b.name, 'distanceM', w.distance_m) ORDER BY w.stop_code)
                 FROM walk_stop_entries w JOIN bus_stops b ON b.code = w.stop_code WHERE w.edge_id IS NULL), '[]'::jsonb) AS "stopsOffNetwork"
FROM walk_state s;

-- name: settings
SELECT atlas_walk_access_m() AS "accessM", atlas_walk_max_stop_m() AS "maxStopM";

-- name: locateProposed
-- Where proposed stops ($1 longitudes, $2 latitudes) enter the network, in the order given; NULL edge: off the network.
SELECT n.edge_id AS "edgeId", n.position_m AS "positionM"
FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY p(lon, lat, i)
LEFT JOIN LATERAL atlas_walk_entry(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326), atlas_walk_max_stop_m()) n ON true
ORDER BY p.i;

-- name: pgRoutingFrom
-- pgRouting's multi-source driving distance from entry points ($1 edge ids, $2 positions along them), each a vertex
-- above every node joined to both ends of its edge, as pgRoutingReached does for the stops; $3 radius. Start i
-- (1-based, in the order given) comes back as "start".
WITH base AS (SELECT coalesce(max(greatest(source, target)), 0)::bigint AS top FROM road_edges)
SELECT (coalesce(r->>'from_v', r->>'start_vid')::bigint - base.top)::integer AS start, (r->>'node')::integer AS node_id,
       (r->>'agg_cost')::float8 AS distance_m
FROM base
CROSS JOIN LATERAL pgr_drivingDistance(
  format($q$SELECT id, source, target, length_m AS cost FROM road_edges
     UNION ALL SELECT 1000000000 + 2 * (%1$s + s.i), %1$s + s.i, e.source, s.position_m
       FROM unnest(%2$L::integer[], %3$L::float8[]) WITH ORDINALITY s(edge_id, position_m, i) JOIN road_edges e ON e.id = s.edge_id
     UNION ALL SELECT 1000000001 + 2 * (%1$s + s.i), %1$s + s.i, e.target, e.length_m - s.position_m
       FROM unnest(%2$L::integer[], %3$L::float8[]) WITH ORDINALITY s(edge_id, position_m, i) JOIN road_edges e ON e.id = s.edge_id$q$,
    base.top, $1::integer[], $2::float8[]),
  (SELECT array_agg(base.top + i ORDER BY i) FROM generate_series(1, cardinality($1::integer[])) i),
  $3::float8, directed := false) d
CROSS JOIN LATERAL (SELECT to_jsonb(d) AS r) j
WHERE (r->>'node')::bigint <= base.top;

-- name: proposedShapes
-- The walk shapes of proposed stops: $1 longitudes, $2 latitudes, $3 entry edges, $4 positions (one per proposal);
-- $5 proposal (1-based), $6 node, $7 distance (one per reached node); $8 radius, $9 access. Hex EWKB in the stop's zone.
WITH reached AS (
  SELECT r.i, array_agg(r.n) AS nodes, array_agg(r.d) AS distances
  FROM unnest($5::integer[], $6::integer[], $7::float8[]) r(i, n, d) GROUP BY r.i
)
SELECT p.i::integer AS i, encode(ST_AsEWKB(x.shape_m), 'hex') AS "walkEwkb"
FROM unnest($1::float8[], $2::float8[], $3::integer[], $4::float8[]) WITH ORDINALITY p(lon, lat, edge_id, position_m, i)
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326) AS site) s
LEFT JOIN reached r ON r.i = p.i
CROSS JOIN LATERAL atlas_walk_shape(ST_Transform(s.site, atlas_metric_srid_for(s.site)), p.edge_id, p.position_m, r.nodes, r.distances, $8::float8, $9::float8) x
WHERE p.edge_id IS NOT NULL AND x.shape_m IS NOT NULL
ORDER BY p.i;
