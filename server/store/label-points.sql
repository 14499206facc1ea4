-- A label point per area: the centre of its largest inscribed circle, found in the metric geometry (its own UTM zone)
-- and returned in WGS84. It lies inside the area, as far from its edges as any point (the pole of inaccessibility), so
-- a name written there sits in the area's widest part; a multipolygon's lies in the part with the widest room.
-- The circle takes about a millisecond an area on PostgreSQL 15 (PostGIS 3.3 has no tolerance argument to trade it
-- against), so label-points.ts keeps the points by the geometry's digest and computes only those it has not seen.

-- name: communityDigests
SELECT code, md5(ST_AsEWKB(geom_m)) AS digest FROM communities WHERE code = ANY($1::text[]);

-- name: districtDigests
SELECT code, md5(ST_AsEWKB(geom_m)) AS digest FROM districts WHERE code = ANY($1::text[]);

-- name: communityLabelPoints
SELECT code, md5(ST_AsEWKB(geom_m)) AS digest, ST_AsGeoJSON(ST_Transform((ST_MaximumInscribedCircle(geom_m)).center, 4326), 7) AS geojson
FROM communities
WHERE code = ANY($1::text[]);

-- name: districtLabelPoints
SELECT code, md5(ST_AsEWKB(geom_m)) AS digest, ST_AsGeoJSON(ST_Transform((ST_MaximumInscribedCircle(geom_m)).center, 4326), 7) AS geojson
FROM districts
WHERE code = ANY($1::text[]);
