-- Change sets cost less to record (bench/history-import-cost.ts): the recording trigger of 100_change_sets.sql wrote
-- every row with ON CONFLICT, whose speculative insertion was most of what recording added to an import (10,000 new
-- cameras, embedded: 0.75–1.7 s against 0.4–0.6 s unrecorded, the clause about half the difference). One statement's rows have
-- distinct codes, so a code can come twice only when an earlier statement of the same import recorded into the set
-- (an upsert's inserted and updated rows, then --replace's removals): the clause is kept for that case only.
-- Everything recorded is as before: values and geometry before and after, added, changed and removed.

CREATE OR REPLACE FUNCTION atlas_record_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cs bigint := nullif(current_setting('atlas.change_set', true), '')::bigint;
  attrs text;
  district text;
  -- An earlier statement of the same import already recorded some of its rows: only then can a code come twice.
  merge boolean;
BEGIN
  IF cs IS NULL OR current_setting('atlas.change_table', true) IS DISTINCT FROM TG_TABLE_NAME THEN
    RETURN NULL;
  END IF;
  SELECT 'jsonb_build_object(' || string_agg(format('%L, r.%I', attname, attname), ', ' ORDER BY attnum) || ')',
         CASE WHEN bool_or(attname = 'district_code') THEN 'r.district_code' WHEN TG_TABLE_NAME = 'districts' THEN 'r.code' ELSE 'NULL::text' END
    INTO attrs, district
  FROM pg_attribute
  WHERE attrelid = TG_RELID AND attnum > 0 AND NOT attisdropped
    AND attname <> ALL (ARRAY['id', 'geom', 'geom_m', 'view_m', 'updated_at', 'import_run_id', 'source_row']);
  merge := EXISTS (SELECT 1 FROM feature_changes WHERE change_set_id = cs);
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_after, attrs_after)
       SELECT $1, $2, r.code, ''added'', %s, r.geom, %s FROM new_rows r %s',
      district, attrs, CASE WHEN merge THEN 'ON CONFLICT (change_set_id, code) DO UPDATE SET geom_after = EXCLUDED.geom_after, attrs_after = EXCLUDED.attrs_after' ELSE '' END) USING cs, TG_ARGV[0];
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, geom_after, attrs_before, attrs_after)
       SELECT $1, $2, x.code, ''changed'', x.district, x.geom_before, x.geom_after, x.attrs_before, x.attrs_after
       FROM (SELECT n.code, n.district, o.geom AS geom_before, n.geom AS geom_after, o.attrs AS attrs_before, n.attrs AS attrs_after
             FROM (SELECT r.id, r.geom, %2$s AS attrs FROM old_rows r) o
             JOIN (SELECT r.id, r.code, r.geom, %1$s AS district, %2$s AS attrs FROM new_rows r) n ON n.id = o.id
             WHERE o.attrs IS DISTINCT FROM n.attrs OR NOT ST_OrderingEquals(o.geom, n.geom)) x %3$s',
      district, attrs, CASE WHEN merge THEN 'ON CONFLICT (change_set_id, code) DO UPDATE SET geom_after = EXCLUDED.geom_after, attrs_after = EXCLUDED.attrs_after' ELSE '' END) USING cs, TG_ARGV[0];
  ELSE
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, attrs_before)
       SELECT $1, $2, r.code, ''removed'', %s, r.geom, %s FROM old_rows r %s',
      district, attrs, CASE WHEN merge THEN 'ON CONFLICT (change_set_id, code) DO UPDATE SET kind = ''removed'', geom_after = NULL, attrs_after = NULL' ELSE '' END) USING cs, TG_ARGV[0];
  END IF;
  RETURN NULL;
END
$$;

-- Each change set has one layer (the trigger records only the import's own table), so change_sets' (layer, id) index
-- finds a layer's sets and the primary key (change_set_id, code) their rows: a second index on every recorded row
-- (layer, change_set_id) was upkeep with no reader (server/history/changes.sql reads through change_sets).
DROP INDEX feature_changes_layer_idx;
