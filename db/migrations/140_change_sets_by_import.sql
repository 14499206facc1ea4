-- Change sets are written by the import itself (server/ingest/change-sets.ts), not by statement triggers: set-based
-- statements in the import's own transaction, one before the upsert (the rows the file names, as they stood), one
-- after it (what it added and changed) and one before --replace's removals. On Citus the triggers of 100/121 fired on
-- the shards and on the reference tables' placements, where the import's `atlas.change_set` was not seen, so change
-- sets stayed empty there (docs/SCALING.md); the import's own statements run on the coordinator on every store.
-- What is recorded is unchanged: each feature added, changed or removed, its geometry and attributes before and after.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['districts', 'communities', 'grid_cells', 'cameras', 'bus_stops', 'renovation_sites', 'roads'] LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_changes_insert', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_changes_update', t);
    EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_changes_delete', t);
  END LOOP;
END
$$;
DROP FUNCTION IF EXISTS atlas_record_changes();
