-- A label point per area: the centre of its largest inscribed circle, found in the metric geometry (its own UTM zone)
-- and returned in WGS84. It lies inside the area, as far from its edges as any point (the pole of inaccessibility), so
-- a name written there sits in the area's widest part; a multipolygon's lies in the part with the widest room.

-- name: communityLabelPoints
SELECT code, ST_AsGeoJSON(ST_Transform((ST_MaximumInscribedCircle(geom_m)).center, 4326), 7) AS geojson
FROM communities
WHERE code = ANY($1::text[]);

-- name: districtLabelPoints
SELECT code, ST_AsGeoJSON(ST_Transform((ST_MaximumInscribedCircle(geom_m)).center, 4326), 7) AS geojson
FROM districts
WHERE code = ANY($1::text[]);
