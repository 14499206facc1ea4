-- A grid cell inside its community intersects only the part of the community's gaps within its own box (see
-- 050_coverage_unions.sql, point 2). A first form of 050 had a plpgsql wrapper with an exception block instead, which
-- cost more than the clip saved; stores that applied it lose it here.
DROP FUNCTION IF EXISTS atlas_intersection_in_box(geometry, geometry);

-- The part of `geom` within `area`'s box (1 m wider), and its stand-in that clips nothing: the coverage statement
-- names one of them, and takes the second for a batch where GEOS refuses the first's output.
CREATE OR REPLACE FUNCTION atlas_clip_to_box(geom geometry, area geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ST_ClipByBox2D(geom, ST_Expand(box2d(area), 1))
$$;

CREATE OR REPLACE FUNCTION atlas_no_clip(geom geometry, area geometry) RETURNS geometry
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT geom
$$;
