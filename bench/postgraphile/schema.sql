-- The schema PostGraphile v5 serves in the benchmark: views over the hub's tables in their own schema (so PostGIS's own
-- functions in `public` are not exposed), geometry hidden, and SQL functions returning GeoJSON (its PostGIS plugin is v4-only).
DROP SCHEMA IF EXISTS pgl CASCADE;
CREATE SCHEMA pgl;

CREATE VIEW pgl.communities AS
  SELECT code, name, district_code, street, kind, households, population, geom, geom_m FROM public.communities;
COMMENT ON VIEW pgl.communities IS E'@primaryKey code\n@name community';
COMMENT ON COLUMN pgl.communities.geom IS E'@behavior -*';
COMMENT ON COLUMN pgl.communities.geom_m IS E'@behavior -*';

CREATE VIEW pgl.cameras AS
  SELECT code, name, direction_deg, fov_deg, range_m, operator, district_code, community_code, geom FROM public.cameras;
COMMENT ON VIEW pgl.cameras IS E'@primaryKey code\n@name camera';
COMMENT ON COLUMN pgl.cameras.geom IS E'@behavior -*';

-- The boundary simplified by 2 m, as the hub's `boundary(simplifyMeters: 2)` does.
CREATE FUNCTION pgl.communities_boundary(c pgl.communities) RETURNS json
LANGUAGE sql STABLE AS $$
  SELECT ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(c.geom_m, 2), 4326), 7)::json
$$;

CREATE FUNCTION pgl.communities_area_m2(c pgl.communities) RETURNS double precision
LANGUAGE sql STABLE AS $$ SELECT ST_Area(c.geom_m) $$;

CREATE FUNCTION pgl.cameras_location(c pgl.cameras) RETURNS json
LANGUAGE sql STABLE AS $$ SELECT ST_AsGeoJSON(c.geom, 7)::json $$;
