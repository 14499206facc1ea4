-- The walking cover unions its catchments on a 1 mm precision grid, on every store, as the catchments themselves are
-- drawn (130_walk_what_if.sql). In floating precision the union of the demo city's overlapping catchments needs GEOS's
-- exception fallback, which the embedded store's GEOS (PGlite) cannot take: the call came back empty with no error and
-- left the connection out of step ("portal does not exist"), so `busStopCoverage(along: ROADS)` failed for 29 of the
-- first 60 demo communities on the store `npm start` runs; on the grid all 60 answer (scratch run over the seeded
-- demo, 2 Dec). A grid of 1 mm moves a catchment's area by about 1e-9. The cached gaps' union (suggestions) likewise.

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(g, 0.001) FROM (
    SELECT atlas_to_srid(c.geom_m, ST_SRID(area)) AS g
    FROM stop_walk_catchments c
    WHERE c.radius_m = reach_m AND c.access_m = atlas_walk_access_m()
      AND c.geom && area_box
      AND c.stop_code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_to_srid(ST_GeomFromEWKB(decode(a->>'walkEwkb', 'hex')), ST_SRID(area))
    FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) a
    WHERE a->>'walkEwkb' IS NOT NULL
  ) shapes
$$;

CREATE OR REPLACE FUNCTION atlas_cached_gaps(area_layer text, model text, params_key text, codes text[]) RETURNS geometry
LANGUAGE sql STABLE AS $$
  WITH cached AS (
    SELECT c.gaps_m FROM coverage_cache c
    WHERE c.area_layer = $1 AND c.model = $2 AND c.params_key = $3 AND c.area_code = ANY($4)
  ), zone AS (SELECT mode() WITHIN GROUP (ORDER BY ST_SRID(gaps_m)) AS srid FROM cached)
  SELECT ST_Union(atlas_to_srid(c.gaps_m, zone.srid), 0.001) FROM cached c, zone
$$;

-- Walking coverage computed with the old union is recomputed when next asked.
DELETE FROM coverage_cache WHERE model = 'bus_stops_walk';
