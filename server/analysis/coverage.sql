-- The coverage queries. {{areas}}, {{parent_table}}, {{parent_link}}, {{cover}} and {{nearest}} are filled only from fixed lists (area-levels.ts,
-- catchment-models.ts); every value is a $n parameter.

-- name: areaCoverage
-- Coverage of areas by one catchment model: from the cache where the layer versions still match, computed and stored
-- where they do not. $1 codes, $2 reach_m, $3 area layer, $4 source layer, $5 model, $6 params key,
-- $7 the layer of the areas' parents ({{parent_table}}, linked by {{parent_link}}) or NULL, $8 the overlays' precision grid
-- in metres (-1: GEOS's floating precision; coverage.service.ts overlayGridM says why the embedded store takes 1 mm).
-- computed_at is the inserted row's (now(), the same in one transaction): Citus allows no volatile function in DO UPDATE SET.
-- An area that lies inside its parent is covered exactly where its parent is, since every catchment that reaches it
-- reaches the parent: with the parent's gaps fresh in the cache, one intersection replaces a union of catchments.
-- "Inside" allows 0.01 % of the area (at least 0.01 m²) outside: clipping leaves slivers, and at city scale two thirds
-- of the generated cells reach out of their community by 0.01–10 m², which is then counted as covered.
-- Every area is measured in its own zone (the SRID of its geom_m); a parent in another zone, and its gaps, are brought
-- into the area's, and the stored gaps stay in the area's zone (070_zones.sql). The area's lon/lat search box
-- (atlas_reach_box at reach 0, cheap since 110_area_boxes.sql) is given to both functions, written in the select
-- list rather than a LATERAL subquery without FROM, which Citus does not push to the shards.
-- The parent is taken in the area's own district ({{parent_district}}, {{area_district}}: the district column of each
-- table), so that on Citus the join stays on the area's shard; a parent in another district is no shortcut.
-- $9 the areas' districts when the request knows them (server/db/distribution.ts districtsOf), else NULL: on Citus the
-- statement then goes to those districts' shards only.
WITH versions AS (
  SELECT coalesce((SELECT version FROM layer_versions WHERE layer = $3), 0) AS area_version,
         coalesce((SELECT version FROM layer_versions WHERE layer = $4), 0) AS source_version,
         coalesce((SELECT version FROM layer_versions WHERE layer = $7), 0) AS parent_version
),
hits AS (
  SELECT c.area_code AS code, c.area_m2, c.covered_m2, c.nearest_m
  FROM coverage_cache c, versions v
  WHERE c.area_layer = $3 AND c.model = $5 AND c.params_key = $6 AND c.area_code = ANY($1::text[])
    AND c.area_version = v.area_version AND c.source_version = v.source_version
),
computed AS (
  -- The gaps in the select list, not in a LATERAL subquery without FROM: Citus pushes no such subquery to the shards.
  SELECT a.code, ST_Area(a.geom_m) AS area_m2,
         CASE
           WHEN p.geom_m IS NOT NULL AND ST_Area(ST_Difference(a.geom_m, atlas_to_srid(p.geom_m, ST_SRID(a.geom_m)), $8::float8)) < greatest(0.01, 1e-4 * ST_Area(a.geom_m))
             THEN ST_Intersection(a.geom_m, {{clip}}(atlas_to_srid(pc.gaps_m, ST_SRID(a.geom_m)), a.geom_m), $8::float8)
           ELSE coalesce(ST_Difference(a.geom_m, {{cover}}(a.geom_m, atlas_reach_box(a.geom_m, 0), $2::float8, '{}'::text[], '[]'::jsonb), $8::float8), a.geom_m)
         END AS gaps_m,
         {{nearest}}(a.geom_m, atlas_reach_box(a.geom_m, 0), '{}'::text[], '[]'::jsonb) AS nearest_m
  FROM {{areas}} a
  CROSS JOIN versions v
  LEFT JOIN coverage_cache pc
    ON $7::text IS NOT NULL AND pc.area_layer = $7 AND pc.model = $5 AND pc.params_key = $6
   AND pc.area_code = a.{{parent_link}} AND pc.area_version = v.parent_version AND pc.source_version = v.source_version
  LEFT JOIN {{parent_table}} p ON p.code = pc.area_code AND p.{{parent_district}} = a.{{area_district}}
  WHERE a.code = ANY($1::text[]) AND ($9::text[] IS NULL OR a.{{area_district}} = ANY($9::text[])) AND a.code NOT IN (SELECT code FROM hits)
),
stored AS (
  INSERT INTO coverage_cache AS c (area_layer, area_code, model, params_key, area_version, source_version, area_m2, covered_m2, nearest_m, gaps_m)
  SELECT $3, x.code, $5, $6, v.area_version, v.source_version, x.area_m2, greatest(0, x.area_m2 - ST_Area(x.gaps_m)), x.nearest_m, x.gaps_m
  FROM computed x, versions v
  ON CONFLICT (area_layer, model, params_key, area_code) DO UPDATE SET
    area_version = EXCLUDED.area_version, source_version = EXCLUDED.source_version, area_m2 = EXCLUDED.area_m2,
    covered_m2 = EXCLUDED.covered_m2, nearest_m = EXCLUDED.nearest_m, gaps_m = EXCLUDED.gaps_m, computed_at = EXCLUDED.computed_at
)
SELECT code, area_m2, covered_m2, nearest_m, true AS cached FROM hits
UNION ALL
SELECT code, area_m2, greatest(0, area_m2 - ST_Area(gaps_m)), nearest_m, false FROM computed;

-- name: cachedCoverage
-- The cached coverage of areas whose layer versions still match: a warm area is one probe of the cache's primary key,
-- without the compute-or-store statement above (whose plan, CTEs and empty INSERT cost more than reading 5,000 hits).
-- $1 codes, $2 area layer, $3 source layer, $4 model, $5 params key.
SELECT c.area_code AS code, c.area_m2, c.covered_m2, c.nearest_m
FROM coverage_cache c
WHERE c.area_layer = $2 AND c.model = $4 AND c.params_key = $5 AND c.area_code = ANY($1::text[])
  AND c.area_version = coalesce((SELECT version FROM layer_versions WHERE layer = $2), 0)
  AND c.source_version = coalesce((SELECT version FROM layer_versions WHERE layer = $3), 0);

-- name: cachedCoverageRange
-- The same for many codes: one range of the cache's key from the least to the greatest of them (as the column compares
-- them), instead of one index descent per code. Rows of areas in the range that were not asked for come back too; the
-- caller leaves them out. Same parameters.
SELECT c.area_code AS code, c.area_m2, c.covered_m2, c.nearest_m
FROM (SELECT min(x) AS lo, max(x) AS hi FROM unnest($1::text[]) x) r
JOIN coverage_cache c ON c.area_layer = $2 AND c.model = $4 AND c.params_key = $5 AND c.area_code BETWEEN r.lo AND r.hi
WHERE c.area_version = coalesce((SELECT version FROM layer_versions WHERE layer = $2), 0)
  AND c.source_version = coalesce((SELECT version FROM layer_versions WHERE layer = $3), 0);

-- name: cachedGaps
-- The stored gaps of areas, each as one MultiPolygon in WGS84 without the parts smaller than $5 m².
-- $1 area layer, $2 model, $3 params key, $4 codes.
SELECT c.area_code AS code, ST_AsGeoJSON(ST_Transform(atlas_polygons_at_least(c.gaps_m, $5::float8), 4326), 7) AS geojson
FROM coverage_cache c
WHERE c.area_layer = $1 AND c.model = $2 AND c.params_key = $3 AND c.area_code = ANY($4::text[]);

-- name: cachedGapsTogether
-- The stored gaps of many areas (a district's communities, the city) as one MultiPolygon, each part brought into WGS84
-- before they are collected (the areas' zones may differ). Same parameters.
SELECT ST_AsGeoJSON(coalesce(ST_Multi(ST_Collect(ST_Transform(d.geom, 4326))), ST_SetSRID('MULTIPOLYGON EMPTY'::geometry, 4326)), 7) AS geojson
FROM coverage_cache c, ST_Dump(atlas_polygons_at_least(c.gaps_m, $5::float8)) d
WHERE c.area_layer = $1 AND c.model = $2 AND c.params_key = $3 AND c.area_code = ANY($4::text[]);

-- name: geometryGaps
-- Gaps held by the caller (what-if results, as EWKB) together with cached ones of areas $6, as one MultiPolygon in WGS84
-- without parts under $2 m². $3 area layer, $4 model, $5 params key of the cached ones.
SELECT ST_AsGeoJSON(coalesce(ST_Multi(ST_Collect(ST_Transform(d.geom, 4326))), ST_SetSRID('MULTIPOLYGON EMPTY'::geometry, 4326)), 7) AS geojson
FROM (
  SELECT ST_GeomFromEWKB(w) AS g FROM unnest($1::bytea[]) AS w
  UNION ALL
  SELECT c.gaps_m FROM coverage_cache c WHERE c.area_layer = $3 AND c.model = $4 AND c.params_key = $5 AND c.area_code = ANY($6::text[])
) parts, ST_Dump(atlas_polygons_at_least(parts.g, $2::float8)) d;
