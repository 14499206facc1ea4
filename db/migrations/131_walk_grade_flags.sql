-- Bridges and tunnels as Shapefiles flag them: Geofabrik's OpenStreetMap roads carry bridge and tunnel as T/F, and
-- DBF logical fields read as T/F/Y/N. F and N are at grade, as no, false and 0 already were.
CREATE OR REPLACE FUNCTION atlas_road_grade_separated(bridge text, tunnel text, layer integer, kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(lower(trim(bridge)) NOT IN ('', 'no', 'false', '0', 'f', 'n'), false)
      OR coalesce(lower(trim(tunnel)) NOT IN ('', 'no', 'false', '0', 'f', 'n'), false)
      OR coalesce(layer, 0) <> 0
      OR coalesce(lower(kind) IN ('bridge', 'tunnel'), false)
$$;
