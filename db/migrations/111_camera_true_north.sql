-- A camera's direction is degrees from true north; its sector is drawn in a UTM zone, whose grid north is off true north
-- by the meridian convergence (0 on the zone's central meridian, about 2° at a zone edge at 41°N). Until now the
-- direction was used as a grid bearing, so sectors near zone edges turned by up to that much. Every sector is now drawn
-- on the grid bearing of the camera's true direction (atlas_camera_view), and the stored ones are redrawn.

-- A true bearing (degrees clockwise from true north) at `site` (EPSG:4326) as a bearing from grid north in `srid`. In a
-- UTM zone (the only metric SRIDs atlas_metric_srid_for gives) the grid bearing of true north is −γ, the convergence
-- γ = atan(tan(λ − λ0) · sin φ) (the ellipsoid's correction is below 2e-5° within a zone and its neighbours' edges);
-- in any other SRID, the direction of a point 1e-4° north taken through the projection.
CREATE OR REPLACE FUNCTION atlas_grid_bearing_deg(bearing_deg double precision, site geometry, srid integer) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT bearing_deg + CASE
    WHEN srid BETWEEN 32601 AND 32660 OR srid BETWEEN 32701 AND 32760 THEN
      -degrees(atan(tan(radians(ST_X(site) - (6 * (srid % 100) - 183) - 360 * round((ST_X(site) - (6 * (srid % 100) - 183)) / 360)))
                    * sin(radians(ST_Y(site)))))
    ELSE degrees(ST_Azimuth(ST_Transform(site, srid), ST_Transform(ST_Translate(site, 0, 1e-4), srid)))
  END
$$;

-- A camera's view sector in the zone of `site_m` (its position there), `site` the same position in EPSG:4326.
CREATE OR REPLACE FUNCTION atlas_camera_view(site_m geometry, site geometry, direction_deg double precision, fov_deg double precision, range_m double precision)
RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT atlas_coverage_sector(site_m, atlas_grid_bearing_deg(direction_deg, site, ST_SRID(site_m)), fov_deg, range_m)
$$;

CREATE OR REPLACE FUNCTION atlas_set_camera_view() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR (NEW.geom_m, NEW.direction_deg, NEW.fov_deg, NEW.range_m)
       IS DISTINCT FROM (OLD.geom_m, OLD.direction_deg, OLD.fov_deg, OLD.range_m) THEN
    NEW.view_m := CASE WHEN NEW.range_m IS NULL THEN NULL
                       ELSE atlas_camera_view(NEW.geom_m, NEW.geom, NEW.direction_deg, NEW.fov_deg, NEW.range_m) END;
  END IF;
  RETURN NEW;
END
$$;

-- 110's camera cover, its sectors drawn on true bearings.
CREATE OR REPLACE FUNCTION atlas_camera_sectors_cover(area geometry, area_box geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Buffer(ST_Collect(shape), 0) FROM (
    SELECT atlas_to_srid(c.view_m, ST_SRID(area)) AS shape
    FROM cameras c
    WHERE c.geom && atlas_degree_box(area_box, (SELECT max(range_m) FROM cameras))
      AND c.view_m IS NOT NULL AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_camera_view(m.site, c.geom, c.direction_deg, c.fov_deg, reach_m)
    FROM cameras c CROSS JOIN LATERAL (SELECT atlas_to_srid(c.geom_m, ST_SRID(area)) AS site) m
    WHERE c.range_m IS NULL AND c.geom && atlas_degree_box(area_box, reach_m) AND ST_DWithin(m.site, area, reach_m)
      AND c.code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_camera_view(a.site, ST_Transform(a.site, 4326), a.direction_deg, a.fov_deg, coalesce(a.range_m, reach_m))
    FROM atlas_added_sites(added, ST_SRID(area)) a WHERE ST_DWithin(a.site, area, coalesce(a.range_m, reach_m))
  ) sectors
  WHERE shape && area AND ST_Intersects(shape, area)
$$;

-- The stored sectors that have a direction, redrawn (the triggers held off: the cameras did not change, so updated_at
-- and the change sets stay as they are); coverage by cameras and their tiles are stale.
ALTER TABLE cameras DISABLE TRIGGER USER;
UPDATE cameras SET view_m = atlas_camera_view(geom_m, geom, direction_deg, fov_deg, range_m)
WHERE range_m IS NOT NULL AND direction_deg IS NOT NULL AND fov_deg < 360;
ALTER TABLE cameras ENABLE TRIGGER USER;
UPDATE layer_versions SET version = version + 1, changed_at = now() WHERE layer = 'cameras';
