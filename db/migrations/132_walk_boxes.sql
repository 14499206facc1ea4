-- 110_area_boxes.sql gave every model's cover and nearest functions the area's search box as an argument, and
-- 130_walk_what_if.sql taught the walking ones proposed stops (walkEwkb) in their older forms without a box. The
-- statements call the forms with a box: these are 130's functions in that form, and the forms without a box call them.

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(g) FROM (
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

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, area_box geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT min(d) FROM (
    SELECT ST_Distance(atlas_to_srid(c.geom_m, ST_SRID(area)), area) AS d FROM (
      SELECT s.geom_m FROM bus_stops s JOIN walk_stop_entries w ON w.stop_code = s.code AND w.edge_id IS NOT NULL
      WHERE s.code <> ALL (coalesce(removed, '{}'))
      ORDER BY s.geom <-> ST_Transform(ST_PointOnSurface(area), 4326) LIMIT 16
    ) c
    UNION ALL
    SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint((a->>'lon')::float8, (a->>'lat')::float8), 4326), ST_SRID(area)), area)
    FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) a
    WHERE a->>'walkEwkb' IS NOT NULL
  ) x
$$;

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_walk_cover(area, atlas_reach_box(area, 0), reach_m, removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_walk_nearest_m(area, atlas_reach_box(area, 0), removed, added) $$;
