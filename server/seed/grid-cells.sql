-- The demo grid cells (网格): each community cut into Voronoi cells clipped to it, so that they tile it exactly.

-- name: gridCells
-- $1: per community code, how many cells and the ST_GeneratePoints seed.
WITH wanted AS (
  SELECT w->>'code' AS code, (w->>'count')::integer AS n, (w->>'seed')::integer AS seed
  FROM jsonb_array_elements($1::jsonb) AS w
),
generators AS (
  SELECT w.code, point.geom AS point
  FROM wanted w
  JOIN communities c USING (code)
  CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(c.geom_m, w.n, w.seed)) AS point
),
cells AS (
  SELECT g.code, cell.geom AS cell
  FROM (SELECT code, ST_Collect(point) AS points FROM generators GROUP BY code) g
  JOIN communities c USING (code)
  CROSS JOIN LATERAL ST_Dump(ST_VoronoiPolygons(g.points, 0, ST_Expand(c.geom_m, 100))) AS cell
)
SELECT g.code AS community_code, (SELECT count(*) FROM generators) AS expected_rows, ST_AsGeoJSON(ST_Transform(piece.geom, 4326), 7) AS geometry, ST_Area(piece.geom) AS area_m2
FROM generators g
JOIN cells v ON v.code = g.code AND ST_Contains(v.cell, g.point)
JOIN communities c ON c.code = g.code
CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(v.cell, c.geom_m), 3) AS geom) piece
WHERE NOT ST_IsEmpty(piece.geom)
ORDER BY g.code, ST_Y(g.point) DESC, ST_X(g.point);
