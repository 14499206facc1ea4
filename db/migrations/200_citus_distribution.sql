-- On a Citus coordinator (docs/SCALING.md "On Citus"): the areas distributed by district code and co-located, what
-- every district's analysis reads across its borders copied to every node. A no-op on PGlite and plain PostgreSQL.
--
-- Areas (communities, grid cells, renovation sites) on district_code: a district's rows, and the joins between them,
-- stay on one shard. Their keys must hold the distribution column, so `id` and `code` become unique per district
-- (upsert.ts picks the matching ON CONFLICT target); the district is linked before the row is written (upsert.ts),
-- and a row outside every district is refused on Citus (a distributed row needs its shard). Their import_run_id keeps
-- its value without a foreign key (Citus allows none from a distributed table to a local one).
-- Bus stops, cameras, roads, districts and the standards' rules as reference tables: a border community's coverage
-- reads the next district's stops, and a reference table is read on the node that asks. The coverage cache too, for
-- now: it is joined with areas of every level by code (tiles, scenarios, the carry-forward after an import), and a
-- reference table joins anything; distributing it with its areas is the next step (docs/SCALING.md).
-- Triggers: Citus refuses tables with triggers unless citus.enable_unsafe_triggers is on; the row triggers (metric
-- geometry, camera view) are self-contained and fire on the shard; the change-set statement triggers fire where the
-- rows are written (see docs/SCALING.md for what they record there).
DO $$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN;
  END IF;
  PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
  PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
  EXECUTE format('ALTER DATABASE %I SET citus.enable_unsafe_triggers = on', current_database());

  -- The coverage functions read the reference tables from inside the shard queries that call them, on the worker
  -- holding the shard; Citus refuses such nested reads unless allowed. A reference table is whole on every node, so
  -- the read is local and exact (the "possible incorrectness" Citus warns of concerns distributed tables only).
  EXECUTE format('ALTER DATABASE %I SET citus.allow_nested_distributed_execution = on', current_database());
  PERFORM run_command_on_workers(format('ALTER DATABASE %I SET citus.allow_nested_distributed_execution = on', current_database()));

  FOREACH t IN ARRAY ARRAY['districts', 'bus_stops', 'cameras', 'roads', 'standard_rules', 'coverage_cache'] LOOP
    IF t IN ('districts', 'bus_stops', 'cameras', 'roads') THEN
      EXECUTE format('ALTER TABLE %I DROP CONSTRAINT IF EXISTS %I', t, t || '_import_run_id_fkey');
    END IF;
    PERFORM create_reference_table(t::regclass);
  END LOOP;

  FOREACH t IN ARRAY ARRAY['communities', 'grid_cells', 'renovation_sites'] LOOP
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_import_run_id_fkey');
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_pkey');
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', t, t || '_code_key');
    EXECUTE format('ALTER TABLE %I ALTER COLUMN district_code SET NOT NULL', t);
    EXECUTE format('ALTER TABLE %I ADD PRIMARY KEY (district_code, id)', t);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I UNIQUE (district_code, code)', t, t || '_district_code_key');
    EXECUTE format('CREATE INDEX %I ON %I (code)', t || '_code_idx', t);
    IF t = 'communities' THEN
      PERFORM create_distributed_table(t, 'district_code');
    ELSE
      PERFORM create_distributed_table(t, 'district_code', colocate_with => 'communities');
    END IF;
  END LOOP;
END
$$;

-- The tables distributed by district code on this store: none on PGlite and plain PostgreSQL (server/db/distribution.ts).
CREATE FUNCTION atlas_distributed_tables() RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
  tables text[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
    RETURN '{}'::text[];
  END IF;
  EXECUTE $q$SELECT coalesce(array_agg(logicalrelid::regclass::text ORDER BY 1), '{}') FROM pg_dist_partition WHERE partmethod = 'h'$q$ INTO tables;
  RETURN tables;
END
$$;
