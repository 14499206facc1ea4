-- On a Citus coordinator (docs/SCALING.md "On Citus"): what the walking coverage reads on the workers as reference
-- tables. A no-op on PGlite and plain PostgreSQL, but for the two builders below (the same statements everywhere).
--
-- `busStopCoverage(along: ROADS)` calls atlas_bus_stops_walk_cover / _nearest_m from inside the shard queries over
-- the distributed areas (200), on the worker holding the shard: they read stop_walk_catchments, walk_stop_entries
-- and, through atlas_walk_access_m(), atlas_settings. Local to the coordinator those tables do not exist on the
-- workers; as reference tables they are whole on every node and read there locally, like the stops. They are written
-- only by a walk build (after an import of roads or stops) and by settings, which Citus commits on every node at once.
--
-- The rest of the walk (road_edges, walk_reached, walk_state, walk_catchment_sets) stays on the coordinator, where
-- the build runs: the statements that draw the catchments join them with the reference tables, which Citus then
-- plans on the coordinator (it holds a copy of every reference table), so atlas_walk_shape and atlas_walk_entry read
-- road_edges there. Made reference tables too, the drawing would be pushed to every node (where the functions find
-- no road_edges if it stays local), and the walk's state record (an upsert setting built_at = now() beside a local
-- layer_versions update) is not plannable on Citus.
--
-- The two builders that write with their arguments become PL/pgSQL, with the same statements: Citus cannot plan a
-- write into a reference table from an SQL function's parameters, and PL/pgSQL hands it the values. On every store,
-- so that one definition holds everywhere.
CREATE OR REPLACE FUNCTION atlas_locate_walk_stops(max_stop_m double precision) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM walk_stop_entries;
  INSERT INTO walk_stop_entries (stop_code, vertex_id, edge_id, position_m, distance_m)
  SELECT s.code,
         (SELECT coalesce(max(greatest(source, target)), 0) FROM road_edges) + row_number() OVER (ORDER BY s.code),
         n.edge_id, n.position_m, n.distance_m
  FROM bus_stops s LEFT JOIN LATERAL atlas_walk_entry(s.geom, max_stop_m) n ON true;
END
$$;

CREATE OR REPLACE FUNCTION atlas_build_walk_catchments(reach_m double precision, widen_m double precision, only_stops text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
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
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
  FOREACH t IN ARRAY ARRAY['atlas_settings', 'walk_stop_entries', 'stop_walk_catchments'] LOOP
    PERFORM create_reference_table(t::regclass);
  END LOOP;
END
$$;
