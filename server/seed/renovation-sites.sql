-- The demo renovation sites (老旧小区改造): compound footprints (rotated rectangles) or points inside their community.

-- name: siteGeometries
-- $1: per community code, how many sites and a seed; $2: per site (community, ordinal) its footprint or 'point'.
WITH wanted AS (
  SELECT w->>'code' AS code, (w->>'count')::integer AS n, (w->>'seed')::integer AS seed
  FROM jsonb_array_elements($1::jsonb) AS w
),
shapes AS (
  SELECT s->>'community' AS code, (s->>'ordinal')::integer AS ordinal, (s->>'point')::boolean AS point,
         (s->>'halfWidthM')::float8 AS half_width_m, (s->>'halfDepthM')::float8 AS half_depth_m, (s->>'angleRad')::float8 AS angle_rad
  FROM jsonb_array_elements($2::jsonb) AS s
),
centres AS (
  -- Keep compounds off the community's edge where there is room to. ST_GeneratePoints gives exactly n points
  -- only for a single polygon, so the sites go into the community's largest part.
  SELECT w.code, centre.ordinality AS ordinal, centre.geom, c.geom_m AS community
  FROM wanted w
  JOIN communities c USING (code)
  CROSS JOIN LATERAL (
    SELECT part.geom FROM ST_Dump(c.geom_m) AS part ORDER BY ST_Area(part.geom) DESC LIMIT 1) largest
  CROSS JOIN LATERAL (SELECT ST_Buffer(largest.geom, -80) AS geom) inner_area
  -- A community narrower than 160 m has no inner part at all (dense cities, the province scale): it keeps its sites.
  LEFT JOIN LATERAL (
    SELECT part.geom FROM ST_Dump(inner_area.geom) AS part ORDER BY ST_Area(part.geom) DESC LIMIT 1) inner_largest ON true
  CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(
    CASE WHEN coalesce(ST_Area(inner_largest.geom), 0) > 0.1 * ST_Area(largest.geom) THEN inner_largest.geom ELSE largest.geom END, w.n, w.seed)) WITH ORDINALITY AS centre
),
footprints AS (
  SELECT s.code, s.ordinal, c.geom AS centre, s.point,
         ST_CollectionExtract(ST_Intersection(ST_Rotate(
           ST_MakeEnvelope(ST_X(c.geom) - s.half_width_m, ST_Y(c.geom) - s.half_depth_m,
                           ST_X(c.geom) + s.half_width_m, ST_Y(c.geom) + s.half_depth_m, ST_SRID(c.geom)),
           s.angle_rad, c.geom), c.community), 3) AS footprint
  FROM shapes s JOIN centres c USING (code, ordinal)
)
SELECT code AS community_code, ordinal,
       ST_AsGeoJSON(ST_Transform(CASE WHEN point OR ST_IsEmpty(footprint) THEN centre ELSE footprint END, 4326), 7) AS geometry
FROM footprints
ORDER BY code, ordinal;
