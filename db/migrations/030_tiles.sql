-- Vector tiles: tile geometry for stores whose PostGIS has no ST_AsMVTGeom (the embedded one).
-- Catchment circles and camera sectors come from 010_coverage.sql (atlas_coverage_circle, atlas_coverage_sector).

-- What ST_AsMVTGeom(g, bounds, extent, buffer, true) returns, built from functions every PostGIS has:
-- clip to the tile plus its buffer, map to tile coordinates (y down), snap to the integer grid, repair,
-- drop what collapsed, and wind exterior rings as ST_AsMVTGeom does (counter-clockwise in tile coordinates).
-- PL/pgSQL rather than SQL: a SQL function with a CTE is not inlined and costs ~0.6 ms a call; this costs microseconds.
CREATE FUNCTION atlas_tile_geometry(g geometry, bounds geometry, extent integer DEFAULT 4096, buffer integer DEFAULT 64)
RETURNS geometry
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  width double precision := ST_XMax(bounds) - ST_XMin(bounds);
  height double precision := ST_YMax(bounds) - ST_YMin(bounds);
  dimension integer := ST_Dimension(g);
  t geometry;
BEGIN
  IF g IS NULL OR ST_IsEmpty(g) THEN RETURN NULL; END IF;
  t := ST_ClipByBox2D(g, ST_Expand(bounds, width * buffer / extent)::box2d);
  t := ST_Affine(t, extent / width, 0, 0, -extent / height, -ST_XMin(bounds) * extent / width, ST_YMax(bounds) * extent / height);
  t := ST_SnapToGrid(t, 1);
  IF dimension = 0 THEN
    t := ST_CollectionExtract(t, 1);
  ELSIF dimension = 1 THEN
    t := ST_CollectionExtract(ST_RemoveRepeatedPoints(t), 2);
    IF ST_Length(t) = 0 THEN RETURN NULL; END IF;
  ELSE
    t := ST_CollectionExtract(ST_MakeValid(t), 3);
    IF ST_Area(t) = 0 THEN RETURN NULL; END IF;
    t := ST_ForcePolygonCCW(t);
  END IF;
  IF t IS NULL OR ST_IsEmpty(t) THEN RETURN NULL; END IF;
  RETURN ST_Multi(t);
END
$$;
