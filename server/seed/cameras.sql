-- The demo cameras: clustered in residential compounds (discs around generated compound centres) inside each community.

-- name: cameraPositions
-- $1: per community code, how many compounds, cameras per compound, the compound radius and a seed.
WITH wanted AS (
  SELECT w->>'code' AS code, (w->>'compounds')::integer AS compounds, (w->>'perCompound')::integer AS per_compound,
         (w->>'yardRadiusM')::float8 AS yard_radius_m, (w->>'seed')::bigint AS seed
  FROM jsonb_array_elements($1::jsonb) AS w
),
compounds AS (
  SELECT w.code, w.per_compound, w.seed, centre.ordinality AS compound,
         ST_Intersection(ST_Buffer(centre.geom, w.yard_radius_m), c.geom_m) AS yard
  FROM wanted w
  JOIN communities c USING (code)
  CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(c.geom_m, w.compounds, w.seed::integer)) WITH ORDINALITY AS centre
),
cameras AS (
  SELECT y.code, y.compound, camera.ordinality AS camera, camera.geom
  FROM compounds y
  CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(y.yard, y.per_compound, ((y.seed * 131 + y.compound) % 2147483646 + 1)::integer)) WITH ORDINALITY AS camera
  WHERE ST_Area(y.yard) > 0
)
SELECT k.code AS community_code, k.compound, k.camera, (SELECT count(*) FROM cameras) AS expected_rows,
       round(ST_X(ll.geom)::numeric, 7)::text AS lon, round(ST_Y(ll.geom)::numeric, 7)::text AS lat
FROM cameras k
CROSS JOIN LATERAL (SELECT ST_Transform(k.geom, 4326) AS geom) ll
ORDER BY k.code, k.compound, k.camera;
