-- Walking catchments for proposed stops (what-if, suggested sites): one stop's walk shape as a function of its entry
-- and reached distances, used by the stored build and by proposals alike, and the walk cover and nearest functions
-- taking the proposed stops' shapes from `added` (element key `walkEwkb`, the shape in its stop's zone, hex EWKB).

-- Where a point enters the network: the nearest of the few nearest edges, on the ellipsoid; NULL edge beyond max_stop_m.
CREATE FUNCTION atlas_walk_entry(site geometry, max_stop_m double precision,
                                 OUT edge_id integer, OUT position_m double precision, OUT distance_m double precision)
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN c.d <= max_stop_m THEN c.id END,
         CASE WHEN c.d <= max_stop_m THEN ST_LineLocatePoint(c.geom_m, ST_Transform(site, ST_SRID(c.geom_m))) * c.length_m END,
         c.d
  FROM (SELECT e.id, e.geom_m, e.length_m, ST_Distance(e.geom::geography, site::geography) AS d
        FROM road_edges e ORDER BY e.geom <-> site LIMIT 8) c
  ORDER BY c.d, c.id LIMIT 1
$$;

CREATE OR REPLACE FUNCTION atlas_locate_walk_stops(max_stop_m double precision) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM walk_stop_entries;
  INSERT INTO walk_stop_entries (stop_code, vertex_id, edge_id, position_m, distance_m)
  SELECT s.code,
         (SELECT coalesce(max(greatest(source, target)), 0) FROM road_edges) + row_number() OVER (ORDER BY s.code),
         n.edge_id, n.position_m, n.distance_m
  FROM bus_stops s LEFT JOIN LATERAL atlas_walk_entry(s.geom, max_stop_m) n ON true;
$$;

-- One stop's walk of reach_m: each edge contributes the part within reach of each reached end (node_ids at distances)
-- and, for the entry edge, the part within reach of the entry point; overlapping parts of one edge are merged before
-- they are measured. The reached streets (lines_m) and the catchment widened by widen_m (shape_m), in stop_m's zone;
-- all NULL when nothing is reached.
CREATE FUNCTION atlas_walk_shape(stop_m geometry, entry_edge integer, entry_position_m double precision,
                                 node_ids integer[], distances double precision[], reach_m double precision, widen_m double precision,
                                 OUT reached_length_m double precision, OUT lines_m geometry, OUT shape_m geometry)
LANGUAGE sql STABLE AS $$
  WITH reached AS (
    SELECT r.node_id, r.distance_m FROM unnest(coalesce(node_ids, '{}'), coalesce(distances, '{}')) AS r(node_id, distance_m)
  ), intervals AS (
    SELECT e.id, 0::float8 AS a, least(e.length_m, reach_m - r.distance_m) AS b
    FROM reached r JOIN road_edges e ON e.source = r.node_id
    UNION ALL
    SELECT e.id, greatest(0, e.length_m - (reach_m - r.distance_m)), e.length_m
    FROM reached r JOIN road_edges e ON e.target = r.node_id
    UNION ALL
    SELECT e.id, greatest(0, entry_position_m - reach_m), least(e.length_m, entry_position_m + reach_m)
    FROM road_edges e WHERE e.id = entry_edge
  ), ordered AS (
    SELECT i.*, max(b) OVER (PARTITION BY id ORDER BY a, b ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reach_before
    FROM intervals i WHERE b > a
  ), numbered AS (
    SELECT o.*, sum(CASE WHEN reach_before >= a THEN 0 ELSE 1 END) OVER (PARTITION BY id ORDER BY a, b) AS island FROM ordered o
  ), islands AS (
    SELECT id, min(a) AS a, max(b) AS b FROM numbered GROUP BY id, island
  ), pieces AS (
    SELECT i.b - i.a AS length_m, atlas_to_srid(ST_LineSubstring(e.geom_m, i.a / e.length_m, i.b / e.length_m), ST_SRID(stop_m)) AS piece_m
    FROM islands i JOIN road_edges e ON e.id = i.id
  )
  -- Each piece widened on its own, then joined on a 1 mm grid: a buffer of many overlapping lines at once makes the
  -- embedded engine's GEOS fall back to snapping, which its WebAssembly build cannot do (the row is lost, see
  -- coverage.service.ts overlayGridM); snap-rounded unions never fall back.
  SELECT sum(length_m), ST_Collect(piece_m), ST_Union(ST_Buffer(piece_m, widen_m, 'quad_segs=8'), 0.001) FROM pieces
$$;

-- The stored catchments of radius reach_m and access widen_m, of every stop or of only_stops, from walk_reached.
CREATE FUNCTION atlas_build_walk_catchments(reach_m double precision, widen_m double precision, only_stops text[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM stop_walk_catchments c
  WHERE c.radius_m = reach_m AND c.access_m = widen_m AND (only_stops IS NULL OR c.stop_code = ANY(only_stops));
  INSERT INTO stop_walk_catchments (radius_m, access_m, stop_code, reached_length_m, reached_geom, geom, geom_m)
  SELECT reach_m, widen_m, w.stop_code, x.reached_length_m,
         ST_Multi(ST_CollectionExtract(ST_Transform(x.lines_m, 4326), 2)), ST_Transform(x.shape_m, 4326), x.shape_m
  FROM walk_stop_entries w
  JOIN bus_stops s ON s.code = w.stop_code
  LEFT JOIN LATERAL (
    SELECT array_agg(r.node_id) AS nodes, array_agg(r.distance_m) AS distances
    FROM walk_reached r WHERE r.radius_m = reach_m AND r.stop_code = w.stop_code
  ) r ON true
  CROSS JOIN LATERAL atlas_walk_shape(s.geom_m, w.edge_id, w.position_m, r.nodes, r.distances, reach_m, widen_m) x
  WHERE w.edge_id IS NOT NULL AND (only_stops IS NULL OR w.stop_code = ANY(only_stops)) AND x.reached_length_m IS NOT NULL;
$$;

CREATE OR REPLACE FUNCTION atlas_build_walk_catchments(reach_m double precision, widen_m double precision) RETURNS void
LANGUAGE sql AS $$ SELECT atlas_build_walk_catchments(reach_m, widen_m, NULL::text[]) $$;

-- Proposed stops (what-if) arrive with their walk shape already drawn (walkEwkb); a proposal off the network has none.
CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_cover(area geometry, reach_m double precision, removed text[], added jsonb)
RETURNS geometry
LANGUAGE sql STABLE AS $$
  SELECT ST_Union(g) FROM (
    SELECT atlas_to_srid(c.geom_m, ST_SRID(area)) AS g
    FROM stop_walk_catchments c
    WHERE c.radius_m = reach_m AND c.access_m = atlas_walk_access_m()
      AND c.geom && atlas_reach_box(area, 0)
      AND c.stop_code <> ALL (coalesce(removed, '{}'))
    UNION ALL
    SELECT atlas_to_srid(ST_GeomFromEWKB(decode(a->>'walkEwkb', 'hex')), ST_SRID(area))
    FROM jsonb_array_elements(coalesce(added, '[]'::jsonb)) a
    WHERE a->>'walkEwkb' IS NOT NULL
  ) shapes
$$;

CREATE OR REPLACE FUNCTION atlas_bus_stops_walk_nearest_m(area geometry, removed text[], added jsonb)
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

-- The union of the cached gaps of areas `codes` of one level and model, in the zone most of them are in.
CREATE FUNCTION atlas_cached_gaps(area_layer text, model text, params_key text, codes text[]) RETURNS geometry
LANGUAGE sql STABLE AS $$
  WITH cached AS (
    SELECT c.gaps_m FROM coverage_cache c
    WHERE c.area_layer = $1 AND c.model = $2 AND c.params_key = $3 AND c.area_code = ANY($4)
  ), zone AS (SELECT mode() WITHIN GROUP (ORDER BY ST_SRID(gaps_m)) AS srid FROM cached)
  SELECT ST_Union(atlas_to_srid(c.gaps_m, zone.srid)) FROM cached c, zone
$$;
