-- Recording a change set costs less without the foreign key feature_changes → change_sets (bench/history-import-cost.ts,
-- bench/NOTES.md session 8): its check ran once per recorded row (10,000 new cameras: 50 ms of a 600 ms import, about
-- a third of what recording cost), for a row the import writes in the same statement as, or just after, the set it
-- names. The import opens the set and records into it in one transaction (server/ingest/change-sets.ts), so no row
-- can name a set that is not there; pruning history deletes a set's feature changes with the set itself
-- (server/history/snapshots.sql pruneChangeSets), which ON DELETE CASCADE did. A no-op where the key is gone.
ALTER TABLE feature_changes DROP CONSTRAINT IF EXISTS feature_changes_change_set_id_fkey;
