-- The nearest site is 0 m away when a site stands in the area: one indexed point-in-polygon probe (PostGIS prepares the
-- area once per statement) before the nearest-neighbour search, which otherwise computes the exact distance to the
-- area's outline for every site inside its box. Same values; city, every area, real PostGIS: cameras over the 2,000
-- communities 556 → 141 ms, over the 14,229 grid cells 2.20 → 1.51 s; bus stops over the cells 0.95 → 0.89 s.

CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM bus_stops s WHERE ST_Intersects(s.geom_m, area) AND s.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        (SELECT ST_Distance(s.geom_m, area) AS d FROM bus_stops s
         WHERE s.code <> ALL (coalesce(removed, '{}'))
         ORDER BY s.geom_m <-> area LIMIT 1)
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added) a
      ) candidates
    )
  END
$$;

CREATE OR REPLACE FUNCTION atlas_camera_sectors_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cameras c WHERE ST_Intersects(c.geom_m, area) AND c.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        (SELECT ST_Distance(c.geom_m, area) AS d FROM cameras c
         WHERE c.code <> ALL (coalesce(removed, '{}'))
         ORDER BY c.geom_m <-> area LIMIT 1)
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added) a
      ) candidates
    )
  END
$$;
