-- What-if and suggested sites: coverage recomputed with proposed changes, nothing written.
-- {{areas}}, {{sources}}, {{cover}} and {{nearest}} come from fixed lists (area-levels.ts, catchment-models.ts).

-- name: whatIf
-- Areas $1 with the sites $3 removed and $4 (JSON) added. Areas no change reaches ($5 m) keep their cached gaps.
-- $2 reach_m; $6 area layer, $7 model, $8 params key of the cached coverage.
-- The changed sites are kept in WGS84 (sources lie in different zones) and brought into each area's zone; each area's
-- lon/lat box is built once (b.box, 110_area_boxes.sql).
WITH changed AS (
  SELECT s.geom AS site FROM {{sources}} s WHERE s.code = ANY($3::text[])
  UNION ALL
  SELECT a.site FROM atlas_added_sites($4::jsonb, 4326) a
)
SELECT a.code, ST_Area(a.geom_m) AS area_m2, f.affected,
       {{nearest}}(a.geom_m, b.box, $3::text[], $4::jsonb) AS nearest_m,
       ST_Area(g.gaps_m) AS uncovered_m2,
       CASE WHEN f.affected THEN ST_AsEWKB(g.gaps_m) END AS gaps_ewkb
FROM {{areas}} a
CROSS JOIN LATERAL (SELECT atlas_reach_box(a.geom_m, 0) AS box OFFSET 0) b
CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM changed c WHERE c.site && atlas_degree_box(b.box, $5::float8)
                                     AND ST_DWithin(ST_Transform(c.site, ST_SRID(a.geom_m)), a.geom_m, $5::float8)) AS affected) f
CROSS JOIN LATERAL (
  SELECT CASE
    WHEN f.affected THEN coalesce(ST_Difference(a.geom_m, {{cover}}(a.geom_m, b.box, $2::float8, $3::text[], $4::jsonb)), a.geom_m)
    ELSE (SELECT c.gaps_m FROM coverage_cache c WHERE c.area_layer = $6 AND c.model = $7 AND c.params_key = $8 AND c.area_code = a.code)
  END AS gaps_m
) g
WHERE a.code = ANY($1::text[]);

-- name: longestCameraRangeM
SELECT max(range_m) AS range_m FROM cameras;

-- name: suggestSites
-- Candidates on a lattice ($5 m apart) inside the cached gaps of areas $4, plus road vertices inside them, then the
-- greedy covering picks $6 of them, each with the area it newly covers. $1 area layer, $2 model, $3 params key,
-- $7 catchment radius, $8 at most this many candidates.
-- The gaps are joined in the zone most of the areas are in (the others' gaps brought into it).
WITH gaps AS (SELECT atlas_cached_gaps($1, $2, $3, $4::text[]) AS g),
lattice AS (
  SELECT ST_SetSRID(ST_MakePoint(x, y), ST_SRID(gaps.g)) AS site
  FROM gaps,
       generate_series(floor(ST_XMin(gaps.g) / $5::float8)::bigint, ceil(ST_XMax(gaps.g) / $5::float8)::bigint) AS i,
       generate_series(floor(ST_YMin(gaps.g) / $5::float8)::bigint, ceil(ST_YMax(gaps.g) / $5::float8)::bigint) AS j,
       LATERAL (SELECT (i + 0.5) * $5::float8 AS x, (j + 0.5) * $5::float8 AS y) xy
  WHERE NOT ST_IsEmpty(gaps.g)
),
road_vertices AS (
  SELECT DISTINCT ON (ST_SnapToGrid(p.geom, $5::float8 / 2)) p.geom AS site
  FROM gaps, roads r, ST_DumpPoints(atlas_to_srid(r.geom_m, ST_SRID(gaps.g))) p
  WHERE r.geom && atlas_reach_box(gaps.g, 0)
  ORDER BY ST_SnapToGrid(p.geom, $5::float8 / 2)
),
candidates AS (
  SELECT row_number() OVER () AS n, site, atlas_coverage_circle(site, $7::float8) AS shape
  FROM (SELECT site FROM lattice UNION ALL SELECT site FROM road_vertices) all_sites, gaps
  WHERE ST_Intersects(gaps.g, site)
  LIMIT $8
),
picked AS (
  SELECT p.* FROM gaps, (SELECT array_agg(shape ORDER BY n) AS shapes, count(*) AS total FROM candidates) c,
    atlas_greedy_cover(gaps.g, c.shapes, $6::int) p
)
SELECT p.rank, p.gain_m2, ST_X(ST_Transform(c.site, 4326)) AS lon, ST_Y(ST_Transform(c.site, 4326)) AS lat,
       (SELECT count(*) FROM candidates)::int AS considered
FROM picked p JOIN candidates c ON c.n = p.candidate
ORDER BY p.rank;

-- name: walkCandidates
-- Suggested stops along the roads: network nodes within $7 m (the access distance) of the cached gaps of areas $4, one per $5 m
-- square (the one nearest the square's centre), at most $6. $1 area layer, $2 model, $3 params key.
WITH gaps AS (SELECT atlas_cached_gaps($1, $2, $3, $4::text[]) AS g),
nodes AS (
  SELECT DISTINCT ON (ST_SnapToGrid(m.p, $5::float8)) v.pt
  FROM gaps, road_edges e,
       LATERAL (VALUES (ST_StartPoint(e.geom)), (ST_EndPoint(e.geom))) v(pt),
       LATERAL (SELECT ST_Transform(v.pt, ST_SRID(gaps.g)) AS p) m
  WHERE e.geom && atlas_reach_box(gaps.g, $7::float8) AND ST_DWithin(gaps.g, m.p, $7::float8)
  ORDER BY ST_SnapToGrid(m.p, $5::float8), ST_Distance(m.p, ST_SnapToGrid(m.p, $5::float8)), ST_X(v.pt), ST_Y(v.pt)
)
SELECT ST_X(pt) AS lon, ST_Y(pt) AS lat FROM nodes LIMIT $6;

-- name: suggestFromShapes
-- The greedy covering of the cached gaps of areas $4 by candidate shapes $5 (hex EWKB, any zone), $6 of them.
-- $1 area layer, $2 model, $3 params key. candidate is the 1-based position in $5.
WITH gaps AS (SELECT atlas_cached_gaps($1, $2, $3, $4::text[]) AS g),
shapes AS (
  SELECT s.i, atlas_to_srid(ST_GeomFromEWKB(decode(s.h, 'hex')), ST_SRID(gaps.g)) AS shape
  FROM gaps, unnest($5::text[]) WITH ORDINALITY s(h, i)
)
SELECT p.rank, p.gain_m2, p.candidate
FROM gaps, (SELECT array_agg(shape ORDER BY i) AS shapes FROM shapes) c, atlas_greedy_cover(gaps.g, c.shapes, $6::int) p
ORDER BY p.rank;
