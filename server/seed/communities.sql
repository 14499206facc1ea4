-- The demo communities: each district split into urban, town and rural zones, then tessellated (Voronoi) in metres,
-- in the district's own UTM zone (the SRID of its geom_m).

-- name: createZones
-- $1, $2: the city centre (lon, lat, WGS84); $3: per district its zone parameters and seats (WGS84).
CREATE TEMP TABLE seed_zones ON COMMIT DROP AS
WITH params AS (
  SELECT p->>'code' AS code,
         (p->>'urbanRadiusM')::float8 AS urban_radius_m,
         ST_Transform(ST_SetSRID(ST_MakePoint((p->>'seatLon')::float8, (p->>'seatLat')::float8), 4326),
                      (SELECT ST_SRID(d.geom_m) FROM districts d WHERE d.code = p->>'code')) AS seat,
         (p->>'seatRadiusM')::float8 AS seat_radius_m,
         p->>'seatKind' AS seat_kind,
         (p->>'towns')::integer AS towns,
         (p->>'townRadiusM')::float8 AS town_radius_m,
         (p->>'townSeed')::integer AS town_seed
  FROM jsonb_array_elements($3::jsonb) AS p
),
centre AS (
  SELECT ST_SetSRID(ST_MakePoint($1, $2), 4326) AS geom
),
city AS (
  -- The discs of city: around the centre, and around the seat of an outer district. A zero radius gives an empty disc.
  SELECT p.*, d.geom_m AS district,
         ST_Union(ST_Buffer(ST_Transform(c.geom, ST_SRID(d.geom_m)), p.urban_radius_m),
                  ST_Buffer(p.seat, CASE WHEN p.seat_kind = 'urban' THEN p.seat_radius_m ELSE 0 END)) AS city_discs
  FROM params p JOIN districts d USING (code) CROSS JOIN centre c
),
countryside AS (
  SELECT y.*, ST_Difference(y.district, ST_Buffer(y.city_discs, 3000)) AS far_from_city FROM city y
),
discs AS (
  SELECT c.*,
         ST_Union(ST_Buffer(c.seat, CASE WHEN c.seat_kind = 'town' THEN c.seat_radius_m ELSE 0 END),
                  CASE WHEN c.towns > 0 AND ST_Area(c.far_from_city) > 0
                       THEN ST_Buffer(ST_GeneratePoints(c.far_from_city, c.towns, c.town_seed), c.town_radius_m)
                       ELSE ST_Buffer(c.seat, 0) END) AS town_discs
  FROM countryside c
)
-- Every zone is the district cut by the raw discs, never by another zone: differences of nearly equal shapes
-- are where overlay code fails (and the embedded store then drops the row without an error).
SELECT code, 'urban' AS kind, ST_CollectionExtract(ST_Intersection(district, city_discs), 3) AS geom FROM discs
UNION ALL
SELECT code, 'town', ST_CollectionExtract(ST_Intersection(ST_Difference(district, city_discs), town_discs), 3) FROM discs
UNION ALL
SELECT code, 'rural', ST_CollectionExtract(ST_Difference(district, ST_Union(city_discs, town_discs)), 3) FROM discs;

-- name: zoneAreas
SELECT code, kind, ST_Area(geom) AS area_m2 FROM seed_zones ORDER BY code, kind;

-- name: communityCells
-- $1: per district and zone, how many communities and the ST_GeneratePoints seed.
-- Returns one clipped Voronoi cell per generator point, in a stable order (district, north to south, west to east),
-- each row carrying how many generators there are (ST_GeneratePoints may round a multipolygon's count).
WITH wanted AS (
  SELECT w->>'code' AS code, w->>'kind' AS kind, (w->>'count')::integer AS n, (w->>'seed')::integer AS seed
  FROM jsonb_array_elements($1::jsonb) AS w
),
generators AS (
  SELECT z.code, z.kind, point.geom AS point
  FROM seed_zones z
  JOIN wanted w USING (code, kind)
  CROSS JOIN LATERAL ST_Dump(ST_GeneratePoints(z.geom, w.n, w.seed)) AS point
  WHERE w.n > 0 AND ST_Area(z.geom) > 0
),
cells AS (
  SELECT g.code, cell.geom AS cell
  FROM (SELECT code, ST_Collect(point) AS points FROM generators GROUP BY code) g
  JOIN districts d USING (code)
  CROSS JOIN LATERAL ST_Dump(ST_VoronoiPolygons(g.points, 0, ST_Expand(d.geom_m, 1000))) AS cell
)
SELECT g.code AS district_code, g.kind, ST_X(g.point) AS x, ST_Y(g.point) AS y, (SELECT count(*) FROM generators) AS expected_rows,
       ST_AsGeoJSON(ST_Transform(piece.geom, 4326), 7) AS geometry, ST_Area(piece.geom) AS area_m2
FROM generators g
JOIN cells c ON c.code = g.code AND ST_Contains(c.cell, g.point)
JOIN districts d ON d.code = g.code
CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(c.cell, d.geom_m), 3) AS geom) piece
WHERE NOT ST_IsEmpty(piece.geom)
ORDER BY g.code, ST_Y(g.point) DESC, ST_X(g.point);
