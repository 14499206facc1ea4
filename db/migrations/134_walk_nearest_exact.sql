-- The walking model's nearest stop, exact and indexed as the straight-line one is (110_area_boxes.sql). Until now it was
-- the least distance over the 16 stops nearest the area's point on surface: for a long thin area (a riverside community,
-- a grid cell along a road) the true nearest walkable stop can lie beyond those 16, and nearestMeters was too large.
-- Now: 0 when a walkable stop (one that enters the network) stands in the area; else the distance d0 of the walkable stop
-- nearest the area's box bounds the answer, and the least distance of the walkable stops within d0 of the box is it;
-- proposed stops with a walk (what-if) count as before.

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, area_box geometry, removed text[], added jsonb)
RETURNS double precision
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN EXISTS (SELECT 1 FROM bus_stops s JOIN walk_stop_entries w ON w.stop_code = s.code AND w.edge_id IS NOT NULL
                 WHERE s.geom && area_box AND ST_Intersects(atlas_to_srid(s.geom_m, ST_SRID(area)), area)
                   AND s.code <> ALL (coalesce(removed, '{}'))) THEN 0::float8
    ELSE (
      SELECT min(d) FROM (
        SELECT ST_Distance(atlas_to_srid(s.geom_m, ST_SRID(area)), area) AS d
        FROM bus_stops s JOIN walk_stop_entries w ON w.stop_code = s.code AND w.edge_id IS NOT NULL
        WHERE s.geom && atlas_degree_box(area_box, (
                SELECT ST_Distance(atlas_to_srid(k.geom_m, ST_SRID(area)), area)
                FROM bus_stops k JOIN walk_stop_entries kw ON kw.stop_code = k.code AND kw.edge_id IS NOT NULL
                WHERE k.code <> ALL (coalesce(removed, '{}'))
                ORDER BY k.geom <-> area_box LIMIT 1))
          AND s.code <> ALL (coalesce(removed, '{}'))
        UNION ALL
        SELECT ST_Distance(ST_Transform(ST_SetSRID(ST_MakePoint((a->>'lon')::float8, (a->>'lat')::float8), 4326), ST_SRID(area)), area)
        FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) a
        WHERE a->>'walkEwkb' IS NOT NULL
      ) candidates
    )
  END
$$;
