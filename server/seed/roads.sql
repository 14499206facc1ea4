-- The demo road network: the shared edges of neighbouring communities, which is where streets run between them, in
-- the first one's zone (atlas_shared_edge, 070_zones.sql).

-- name: sharedEdges
-- $1: the source the demo's communities were imported under.
SELECT a.code AS left_code, b.code AS right_code,
       ST_AsGeoJSON(ST_Transform(edge.geom, 4326), 7) AS geometry, ST_Length(edge.geom) AS length_m
FROM communities a
JOIN communities b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_CollectionExtract(atlas_shared_edge(a.geom, a.geom_m, b.geom, b.geom_m), 2)) AS geom) edge
WHERE a.source = $1 AND b.source = $1 AND ST_Length(edge.geom) >= $2
ORDER BY a.code, b.code;

-- name: sharedEdgesAcrossShards
-- The same where communities are distributed by district (Citus): neighbours across a district line lie on two shards,
-- so the second side is gathered first (a materialized CTE, which Citus sends to every shard) and joined there.
WITH b AS MATERIALIZED (SELECT code, geom, geom_m FROM communities WHERE source = $1)
SELECT a.code AS left_code, b.code AS right_code,
       ST_AsGeoJSON(ST_Transform(edge.geom, 4326), 7) AS geometry, ST_Length(edge.geom) AS length_m
FROM communities a
JOIN b ON a.code < b.code AND ST_Intersects(a.geom, b.geom)
CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_CollectionExtract(atlas_shared_edge(a.geom, a.geom_m, b.geom, b.geom_m), 2)) AS geom) edge
WHERE a.source = $1 AND ST_Length(edge.geom) >= $2
ORDER BY a.code, b.code;

-- name: innerEdges
-- Streets through large city communities: the shared edges of their grid cells (in the community's district: one
-- shard on Citus).
-- $1: the demo's source; $2: the shortest edge that counts as a road; $3: the smallest community (m²) that gets them.
SELECT c.code AS left_code, c.code AS right_code,
       ST_AsGeoJSON(ST_Transform(edge.geom, 4326), 7) AS geometry, ST_Length(edge.geom) AS length_m
FROM communities c
JOIN grid_cells a ON a.district_code = c.district_code AND a.community_code = c.code
JOIN grid_cells b ON b.district_code = c.district_code AND b.community_code = c.code AND a.code < b.code AND ST_Intersects(a.geom, b.geom)
CROSS JOIN LATERAL (SELECT ST_LineMerge(ST_CollectionExtract(atlas_shared_edge(a.geom, a.geom_m, b.geom, b.geom_m), 2)) AS geom) edge
WHERE c.source = $1 AND a.source = $1 AND b.source = $1
  AND c.kind = 'urban' AND ST_Area(c.geom_m) >= $3
  AND ST_Length(edge.geom) >= $2
ORDER BY c.code, a.code, b.code;
