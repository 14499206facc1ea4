-- Every row's metric geometry in its own UTM zone, every measure in the zone of the area measured.
--
-- Until now the store fixed one UTM zone from its first data (atlas_metric_srid) and projected every later row into
-- it: a second city in another zone got wrong numbers (Seattle after Shenyang: 500 m coverage up to 32.9 points off an
-- independent computation; communities cut by 114°E after Shenyang, 1.45 points). Now:
-- - geom_m of each row is in the UTM zone of the row itself (atlas_metric_srid_for, the centroid of its envelope), its
--   SRID kept in the geometry. geom_m mixes SRIDs across rows, so no search may use it or an index on it;
-- - every spatial SEARCH goes through the GiST index on geom (EPSG:4326), with a conservative lon/lat box
--   (atlas_reach_box); every MEASUREMENT is done in the zone of the area measured, the sources brought into it
--   (atlas_to_srid, which transforms nothing when the zones agree, the common case);
-- - a camera's view sector (view_m) is built in the camera's zone and brought into the area's where it is used;
-- - coverage_cache.gaps_m is in its area's zone.
-- Stores that exist move in place: geom_m and view_m are recomputed where their zone differs, the geom_m indexes go,
-- and coverage is marked stale.

-- The row's own zone: the trigger that completes rows inserted without geom_m, and follows updates of geom.
CREATE OR REPLACE FUNCTION atlas_set_metric_geometry() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom THEN
    NEW.geom_m := ST_Transform(NEW.geom, atlas_metric_srid_for(NEW.geom));
  END IF;
  NEW.updated_at := now();
  RETURN NEW;
END
$$;

-- `g` in `srid`: itself when it is already there (no transform in the common case).
CREATE OR REPLACE FUNCTION atlas_to_srid(g geometry, srid integer) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_SRID(g) = srid THEN g ELSE ST_Transform(g, srid) END
$$;

-- The lon/lat box (EPSG:4326) that holds every point within `reach_m` of the metric geometry `area_m`, for a search
-- through the GiST indexes on geom: the area's metric box widened by reach_m, its edges segmentized (8 points a side)
-- so that their curves in lon/lat are followed, transformed, boxed, and widened by 1e-5° (about a metre) plus 1e-8° a
-- metre of the box's size (at least 1e-4 of its size in degrees below 84°) for what lies between the segments'
-- points (a UTM grid line bows by about 3 m over 12.5 km). NULL when reach_m is NULL. One expression, so that it is
-- inlined: as a function with a subquery it cost 0.45 ms a call (1 s for the demo's 2,185 grid cells), with 32 points
-- a side 0.12 ms; now 0.02 ms.
CREATE OR REPLACE FUNCTION atlas_reach_box(area_m geometry, reach_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Expand(
    ST_Envelope(ST_Transform(ST_Segmentize(ST_Expand(ST_Envelope(area_m), reach_m),
      (greatest(ST_XMax(area_m) - ST_XMin(area_m), ST_YMax(area_m) - ST_YMin(area_m)) + 2 * reach_m) / 8 + 1e-3), 4326)),
    1e-5 + 1e-8 * (greatest(ST_XMax(area_m) - ST_XMin(area_m), ST_YMax(area_m) - ST_YMin(area_m)) + 2 * reach_m))
$$;

-- A lon/lat box (EPSG:4326) widened by at least `reach_m` metres on every side: a degree of latitude is at least
-- 110,574 m, a degree of longitude at least 111,320 cos(φ) m at the box's highest latitude φ (1 % kept in hand).
CREATE OR REPLACE FUNCTION atlas_expand_by_m(box geometry, reach_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_Expand(box,
    1.01 * reach_m / (111320 * cos(radians(least(89.9, greatest(abs(ST_YMin(box)), abs(ST_YMax(box))))))) + 1e-6,
    1.01 * reach_m / 110574 + 1e-6)
$$;

-- Proposed sites (what-if, suggestions) as points in `srid` (the zone of the area they are measured against).
DROP FUNCTION IF EXISTS atlas_added_sites(jsonb);
CREATE OR REPLACE FUNCTION atlas_added_sites(added jsonb, srid integer)
RETURNS TABLE (site geometry, direction_deg double precision, fov_deg double precision, range_m double precision)
LANGUAGE sql STABLE AS $$
  SELECT ST_Transform(ST_SetSRID(ST_MakePoint((a->>'lon')::float8, (a->>'lat')::float8), 4326), srid),
         (a->>'directionDeg')::float8, coalesce((a->>'fovDeg')::float8, 360), (a->>'rangeM')::float8
  FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) AS a
$$;

-- The cover and nearest functions of 010/013/014/050/052, in the area's zone (ST_SRID(area)).
CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Buffer(ST_Collect(site), reach_m, 'quad_segs=16') FROM (
    SELECT m.site
    FROM bus_stops s CROSS JOIN LATERAL (SELECT atlas_to_srid(s.geom_m, ST_SRID(area)) AS site) m
    WHERE s.geom && atlas_reach_box(area, reach_m) AND ST_DWithin(m.site, area, reach_m) AND s.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT a.site FROM atlas_added_sites(added, ST_SRID(area)) a WHERE ST_DWithin(a.site, area, reach_m)
  ) sites
$$;

-- The nearest site, exact and indexed: 0 when one stands in the area (one point-in-polygon probe); else the distance
-- d0 of the site nearest the area's lon/lat box (a nearest-neighbour probe of the geom index; a bound on the answer),
-- then the least distance of the sites within d0 of the area, found through the box of reach d0. (From the area's
-- centre instead, d0 was looser and the box held more sites: the demo's 2,185 grid cells took 1.4–1.8 s for stops.)
CREATE OR REPLACE FUNCTION atlas_bus_stops_radius_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM bus_stops s WHERE s.geom && atlas_reach_box(area, 0)
                   AND ST_Intersects(atlas_to_srid(s.geom_m, ST_SRID(area)), area) AND s.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        SELECT ST_Distance(atlas_to_srid(s.geom_m, ST_SRID(area)), area) AS d FROM bus_stops s
        WHERE s.geom && atlas_reach_box(area, (
                SELECT ST_Distance(atlas_to_srid(k.geom_m, ST_SRID(area)), area) FROM bus_stops k
                WHERE k.code <> ALL (coalesce(removed, '{}'))
                ORDER BY k.geom <-> atlas_reach_box(area, 0) LIMIT 1))
          AND s.code <> ALL (coalesce(removed, '{}'))
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added, ST_SRID(area)) a
      ) candidates
    )
  END
$$;

CREATE OR REPLACE FUNCTION atlas_camera_sectors_nearest_m(area geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM cameras c WHERE c.geom && atlas_reach_box(area, 0)
                   AND ST_Intersects(atlas_to_srid(c.geom_m, ST_SRID(area)), area) AND c.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        SELECT ST_Distance(atlas_to_srid(c.geom_m, ST_SRID(area)), area) AS d FROM cameras c
        WHERE c.geom && atlas_reach_box(area, (
                SELECT ST_Distance(atlas_to_srid(k.geom_m, ST_SRID(area)), area) FROM cameras k
                WHERE k.code <> ALL (coalesce(removed, '{}'))
                ORDER BY k.geom <-> atlas_reach_box(area, 0) LIMIT 1))
          AND c.code <> ALL (coalesce(removed, '{}'))
        UNION ALL
        SELECT ST_Distance(a.site, area) FROM atlas_added_sites(added, ST_SRID(area)) a
      ) candidates
    )
  END
$$;

-- Cameras: the stored sectors of the cameras within the longest range of the area (cameras_range_idx makes that
-- range one index probe), brought into the area's zone; cameras without a range get the default one.
CREATE OR REPLACE FUNCTION atlas_camera_sectors_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Buffer(ST_Collect(shape), 0) FROM (
    SELECT atlas_to_srid(c.view_m, ST_SRID(area)) AS shape
    FROM cameras c
    WHERE c.geom && atlas_reach_box(area, (SELECT max(range_m) FROM cameras))
      AND c.view_m IS NOT NULL AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_sector(m.site, c.direction_deg, c.fov_deg, reach_m)
    FROM cameras c CROSS JOIN LATERAL (SELECT atlas_to_srid(c.geom_m, ST_SRID(area)) AS site) m
    WHERE c.range_m IS NULL AND c.geom && atlas_reach_box(area, reach_m) AND ST_DWithin(m.site, area, reach_m)
      AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_coverage_sector(a.site, a.direction_deg, a.fov_deg, coalesce(a.range_m, reach_m))
    FROM atlas_added_sites(added, ST_SRID(area)) a WHERE ST_DWithin(a.site, area, coalesce(a.range_m, reach_m))
  ) sectors
  WHERE shape && area AND ST_Intersects(shape, area)
$$;

DROP FUNCTION IF EXISTS atlas_metric_srid();
DELETE FROM atlas_settings WHERE key = 'metric_srid';

-- Existing rows into their own zones. The triggers are held off so that updated_at keeps its meaning (the data did
-- not change) and view_m is rebuilt here, from the sector function 014's trigger draws.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['districts', 'communities', 'grid_cells', 'cameras', 'bus_stops', 'renovation_sites', 'roads'] LOOP
    EXECUTE format('ALTER TABLE %I DISABLE TRIGGER USER', t);
    EXECUTE format('UPDATE %I SET geom_m = ST_Transform(geom, atlas_metric_srid_for(geom)) WHERE ST_SRID(geom_m) <> atlas_metric_srid_for(geom)', t);
    EXECUTE format('DROP INDEX IF EXISTS %I', t || '_geom_m_idx');
  END LOOP;
  UPDATE cameras SET view_m = atlas_coverage_sector(geom_m, direction_deg, fov_deg, range_m)
  WHERE range_m IS NOT NULL AND ST_SRID(view_m) IS DISTINCT FROM ST_SRID(geom_m);
  FOREACH t IN ARRAY ARRAY['districts', 'communities', 'grid_cells', 'cameras', 'bus_stops', 'renovation_sites', 'roads'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE TRIGGER USER', t);
  END LOOP;
END
$$;
DROP INDEX IF EXISTS cameras_view_m_idx;
CREATE INDEX IF NOT EXISTS cameras_range_idx ON cameras (range_m);

-- Coverage computed in the one zone is stale: its entries go, and every layer's version moves (tiles' ETags, caches).
DELETE FROM coverage_cache;
UPDATE layer_versions SET version = version + 1, changed_at = now();

-- The shared boundary of two shapes, in the first one's zone: intersected in metres when both are in that zone, else
-- in WGS84, where shapes cut from one tessellation share their vertices exactly (the demo's roads, server/seed).
CREATE OR REPLACE FUNCTION atlas_shared_edge(a geometry, a_m geometry, b geometry, b_m geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_SRID(a_m) = ST_SRID(b_m) THEN ST_Intersection(a_m, b_m)
              ELSE ST_Transform(ST_Intersection(a, b), ST_SRID(a_m)) END
$$;
