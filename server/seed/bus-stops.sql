-- The demo bus stops: evenly spaced along the served roads, a pair at each place, 12 m to either side of the carriageway.

-- name: stopPositions
-- $1: per road code, the spacing of its stops in metres. A stop stands off the road so it falls inside one community.
WITH served AS (
  SELECT s->>'code' AS code, (s->>'spacingM')::float8 AS spacing_m
  FROM jsonb_array_elements($1::jsonb) AS s
),
lines AS (
  SELECT r.code, part.path[1] AS part, part.geom AS line, ST_Length(part.geom) AS length_m, s.spacing_m
  FROM served s
  JOIN roads r USING (code)
  CROSS JOIN LATERAL ST_Dump(r.geom_m) AS part
),
positions AS (
  SELECT l.code, l.part, i AS position, l.line, l.length_m, (i + 0.5) / stops.n AS fraction
  FROM lines l
  CROSS JOIN LATERAL (SELECT GREATEST(1, round(l.length_m / l.spacing_m))::integer AS n) stops
  CROSS JOIN LATERAL generate_series(0, stops.n - 1) AS i
  WHERE l.length_m >= l.spacing_m / 2
),
placed AS (
  SELECT p.code, p.part, p.position,
         ST_LineInterpolatePoint(p.line, p.fraction) AS at,
         ST_LineInterpolatePoint(p.line, LEAST(1, p.fraction + 1 / p.length_m)) AS ahead,
         ST_LineInterpolatePoint(p.line, GREATEST(0, p.fraction - 1 / p.length_m)) AS behind,
         side.sign, 12 * side.sign AS offset_m
  FROM positions p
  CROSS JOIN (VALUES (1), (-1)) AS side(sign)
),
stops AS (
  SELECT code, part, position, sign,
         ST_Transform(ST_Translate(at,
           -offset_m * (ST_Y(ahead) - ST_Y(behind)) / ST_Distance(ahead, behind),
            offset_m * (ST_X(ahead) - ST_X(behind)) / ST_Distance(ahead, behind)), 4326) AS geom
  FROM placed
  WHERE ST_Distance(ahead, behind) > 0
)
SELECT code AS road_code, part, position, sign AS side, round(ST_X(geom)::numeric, 7)::text AS lon, round(ST_Y(geom)::numeric, 7)::text AS lat
FROM stops
ORDER BY code, part, position, sign DESC;
