-- Each area's lon/lat search box computed once per area and passed to the cover and nearest functions.
--
-- After 070 (per-row zones) cold grid-cell coverage ran 1.4–2.3× slower than the single-zone design. Two causes:
-- - 090_walk_network.sql redefined atlas_reach_box (meaning 070's to win; migrations run in name order, so 090's did):
--   its box is segmentized every 4·(reach + 1) m, so at reach 0 a grid cell's box was 400 points through PROJ, a
--   district's 50,000, and every nearest function asks for reach 0 twice;
-- - the box was built inside the functions, up to four times per area (the point-in-area probe, the nearest-neighbour
--   probe, the nearest's bound, the cover).
-- Now 070's form is back (8 points a side, one inlined expression), the coverage and what-if statements build the box
-- of each area once (reach 0), and the functions widen it by a reach in degrees (atlas_degree_box, arithmetic only).
-- The functions keep their names; the 3- and 4-argument forms stay as wrappers for callers that have no box.

CREATE OR REPLACE FUNCTION atlas_reach_box(area_m geometry, reach_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Expand(
    ST_Envelope(ST_Transform(ST_Segmentize(ST_Expand(ST_Envelope(area_m), reach_m),
      (greatest(ST_XMax(area_m) - ST_XMin(area_m), ST_YMax(area_m) - ST_YMin(area_m)) + 2 * reach_m) / 8 + 1e-3), 4326)),
    1e-5 + 1e-8 * (greatest(ST_XMax(area_m) - ST_XMin(area_m), ST_YMax(area_m) - ST_YMin(area_m)) + 2 * reach_m))
$$;

-- `area` is the metric geometry (its zone in its SRID), `area_box` its lon/lat box atlas_reach_box(area, 0). A site within
-- r metres of the area in its zone lies within r/0.9996 metres on the ellipsoid (UTM's scale is at least 0.9996), so
-- inside atlas_degree_box(area_box, r), which widens by 1.01 r + 1 m.

CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Buffer(ST_Collect(site), reach_m, 'quad_segs=16') FROM (
    SELECT m.site
    FROM bus_stops s CROSS JOIN LATERAL (SELECT atlas_to_srid(s.geom_m, ST_SRID(area)) AS site) m
    WHERE s.geom && atlas_degree_box(area_box, reach_m) AND ST_DWithin(m.site, area, reach_m) AND s.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT a.site FROM atlas_added_sites(added, ST_SRID(area)) a WHERE ST_DWithin(a.site, area, reach_m)
  ) sites
$$;

-- Exact and indexed, as in 070: 0 when a site stands in the area; else the distance d0 of the site nearest the area's
-- box bounds the answer, and the least distance of the sites within d0 of the box is it.
CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_nearest_m(area geometry, area_box geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM bus_stops s WHERE s.geom && area_box
                   AND ST_Intersects(atlas_to_srid(s.geom_m, ST_SRID(area)), area) AND s.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        SELECT ST_Distance(atlas_to_srid(s.geom_m, ST_SRID(area)), area) AS d FROM bus_stops s
        WHERE s.geom && atlas_degree_box(area_box, (
                SELECT ST_Distance(atlas_to_srid(k.geom_m, ST_SRID(area)), area) FROM bus_stops k
                WHERE k.code <> ALL (coalesce(removed, '{}'))
                ORDER BY k.geom <-> area_box LIMIT 1))
          AND s.code <> ALL (coalesce(removed, '{}'))
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added, ST_SRID(area)) a
      ) candidates
    )
  END
$$;

CREATE OR REPLACE FUNCTION atlas_camera_sectors_nearest_m(area geometry, area_box geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cameras c WHERE c.geom && area_box
                   AND ST_Intersects(atlas_to_srid(c.geom_m, ST_SRID(area)), area) AND c.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        SELECT ST_Distance(atlas_to_srid(c.geom_m, ST_SRID(area)), area) AS d FROM cameras c
        WHERE c.geom && atlas_degree_box(area_box, (
                SELECT ST_Distance(atlas_to_srid(k.geom_m, ST_SRID(area)), area) FROM cameras k
                WHERE k.code <> ALL (coalesce(removed, '{}'))
                ORDER BY k.geom <-> area_box LIMIT 1))
          AND c.code <> ALL (coalesce(removed, '{}'))
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added, ST_SRID(area)) a
      ) candidates
    )
  END
$$;

CREATE OR REPLACE FUNCTION atlas_camera_sectors_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Buffer(ST_Collect(shape), 0) FROM (
    SELECT atlas_to_srid(c.view_m, ST_SRID(area)) AS shape
    FROM cameras c
    WHERE c.geom && atlas_degree_box(area_box, (SELECT max(range_m) FROM cameras))
      AND c.view_m IS NOT NULL AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_sector(m.site, c.direction_deg, c.fov_deg, reach_m)
    FROM cameras c CROSS JOIN LATERAL (SELECT atlas_to_srid(c.geom_m, ST_SRID(area)) AS site) m
    WHERE c.range_m IS NULL AND c.geom && atlas_degree_box(area_box, reach_m) AND ST_DWithin(m.site, area, reach_m)
      AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_sector(a.site, a.direction_deg, a.fov_deg, coalesce(a.range_m, reach_m))
    FROM atlas_added_sites(added, ST_SRID(area)) a WHERE ST_DWithin(a.site, area, coalesce(a.range_m, reach_m))
  ) sectors
  WHERE shape && area AND ST_Intersects(shape, area)
$$;

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(atlas_to_srid(c.geom_m, ST_SRID(area)))
  FROM stop_walk_catchments c
  WHERE c.radius_m = reach_m AND c.access_m = atlas_walk_access_m()
    AND c.geom && area_box
    AND c.stop_code <> ALL (coalesce(removed, '{}'))
$$;

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, area_box geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT min(ST_Distance(atlas_to_srid(c.geom_m, ST_SRID(area)), area)) FROM (
    SELECT s.geom_m FROM bus_stops s JOIN walk_stop_entries w ON w.stop_code = s.code AND w.edge_id IS NOT NULL
    WHERE s.code <> ALL (coalesce(removed, '{}'))
    ORDER BY s.geom <-> ST_Transform(ST_PointOnSurface(area), 4326) LIMIT 16
  ) c
$$;

-- The forms without a box, for callers that measure one area: the same functions, the box built here.
CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_radius_cover(area, atlas_reach_box(area, 0), reach_m, removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_radius_nearest_m(area, atlas_reach_box(area, 0), removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_camera_sectors_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry LANGUAGE sql STABLE AS $$ SELECT atlas_camera_sectors_cover(area, atlas_reach_box(area, 0), reach_m, removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_camera_sectors_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_camera_sectors_nearest_m(area, atlas_reach_box(area, 0), removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_walk_cover(area, atlas_reach_box(area, 0), reach_m, removed, added) $$;
CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision LANGUAGE sql STABLE AS $$ SELECT atlas_bus_stops_walk_nearest_m(area, atlas_reach_box(area, 0), removed, added) $$;
