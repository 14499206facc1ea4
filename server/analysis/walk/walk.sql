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

-- name: clearCatchments
DELETE FROM walk_catchment_sets; DELETE FROM stop_walk_catchments; DELETE FROM walk_reached;

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
-- The same, stored. $1 radius.
INSERT INTO walk_reached (radius_m, stop_code, node_id, distance_m)
SELECT $1, w.stop_code, (r->>'node')::integer, (r->>'agg_cost')::float8
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

-- name: buildCatchments
-- $1 radius, $2 access; then records the set as complete.
WITH built AS (SELECT atlas_build_walk_catchments($1::float8, $2::float8) AS n)
INSERT INTO walk_catchment_sets (radius_m, access_m) SELECT $1, $2 FROM built ON CONFLICT DO NOTHING;

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
