-- Change sets: what each import changed, feature by feature, with the values before and after, recorded in the import's
-- own transaction (so a killed import leaves neither rows nor change set).
--
-- The rows are written by statement-level triggers with transition tables on every layer table, set-based (one
-- INSERT … SELECT per statement, not a call per row). They record only while the import has named its change set and
-- its layer's table (transaction-local settings `atlas.change_set`, `atlas.change_table`): the relinking of other
-- layers' rows, the seed's own statements and migrations record nothing.

CREATE TABLE change_sets (
  id            bigserial PRIMARY KEY,
  layer         text NOT NULL,
  import_run_id bigint REFERENCES import_runs(id),
  at            timestamptz NOT NULL DEFAULT now(),
  added         integer NOT NULL DEFAULT 0,
  changed       integer NOT NULL DEFAULT 0,
  removed       integer NOT NULL DEFAULT 0,
  unchanged     integer NOT NULL DEFAULT 0
);
CREATE INDEX change_sets_layer_idx ON change_sets (layer, id);
CREATE INDEX change_sets_at_idx ON change_sets (at);

CREATE TABLE feature_changes (
  change_set_id  bigint NOT NULL REFERENCES change_sets(id) ON DELETE CASCADE,
  layer          text NOT NULL,
  code           text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
  -- the district of the feature after the change (before, for a removal): an official reads their district's changes
  district_code  text,
  geom_before    geometry,
  geom_after     geometry,
  attrs_before   jsonb,
  attrs_after    jsonb,
  PRIMARY KEY (change_set_id, code)
);
CREATE INDEX feature_changes_layer_idx ON feature_changes (layer, change_set_id);

-- The recorded attributes are built column by column (jsonb_build_object over the table's own columns, read from the
-- catalog once per statement): to_jsonb(row) would turn each geometry column into GeoJSON through PostGIS's cast, which
-- cost more than the import itself (10,000 cameras: 4–5 s).
CREATE FUNCTION atlas_record_changes() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  cs bigint := nullif(current_setting('atlas.change_set', true), '')::bigint;
  attrs text;
  district text;
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
  IF TG_OP = 'INSERT' THEN
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_after, attrs_after)
       SELECT $1, $2, r.code, ''added'', %s, r.geom, %s FROM new_rows r
       ON CONFLICT (change_set_id, code) DO UPDATE SET geom_after = EXCLUDED.geom_after, attrs_after = EXCLUDED.attrs_after',
      district, attrs) USING cs, TG_ARGV[0];
  ELSIF TG_OP = 'UPDATE' THEN
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, geom_after, attrs_before, attrs_after)
       SELECT $1, $2, x.code, ''changed'', x.district, x.geom_before, x.geom_after, x.attrs_before, x.attrs_after
       FROM (SELECT n.code, n.district, o.geom AS geom_before, n.geom AS geom_after, o.attrs AS attrs_before, n.attrs AS attrs_after
             FROM (SELECT r.id, r.geom, %2$s AS attrs FROM old_rows r) o
             JOIN (SELECT r.id, r.code, r.geom, %1$s AS district, %2$s AS attrs FROM new_rows r) n ON n.id = o.id
             WHERE o.attrs IS DISTINCT FROM n.attrs OR NOT ST_OrderingEquals(o.geom, n.geom)) x
       ON CONFLICT (change_set_id, code) DO UPDATE SET geom_after = EXCLUDED.geom_after, attrs_after = EXCLUDED.attrs_after',
      district, attrs) USING cs, TG_ARGV[0];
  ELSE
    EXECUTE format(
      'INSERT INTO feature_changes (change_set_id, layer, code, kind, district_code, geom_before, attrs_before)
       SELECT $1, $2, r.code, ''removed'', %s, r.geom, %s FROM old_rows r
       ON CONFLICT (change_set_id, code) DO UPDATE SET kind = ''removed'', geom_after = NULL, attrs_after = NULL',
      district, attrs) USING cs, TG_ARGV[0];
  END IF;
  RETURN NULL;
END
$$;

DO $$
DECLARE
  layer text;
  t text;
BEGIN
  FOR layer, t IN SELECT * FROM (VALUES ('districts', 'districts'), ('communities', 'communities'), ('grid-cells', 'grid_cells'),
      ('cameras', 'cameras'), ('bus-stops', 'bus_stops'), ('renovation-sites', 'renovation_sites'), ('roads', 'roads')) v(layer, t) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_record_changes(%L)', t || '_changes_insert', t, layer);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_record_changes(%L)', t || '_changes_update', t, layer);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION atlas_record_changes(%L)', t || '_changes_delete', t, layer);
  END LOOP;
END
$$;

-- The reach of a coverage cache entry's parameters ('reach=500' → 500).
CREATE FUNCTION atlas_params_reach_m(params_key text) RETURNS double precision
LANGUAGE sql IMMUTABLE AS $$
  SELECT nullif(substring(params_key FROM 'reach=([0-9.eE+-]+)'), '')::double precision
$$;

-- A lon/lat box that holds every point within reach_m metres of g (a WGS84 geometry): degrees of latitude are at least
-- 110,574 m, and degrees of longitude at least 111,320·cos(φ) m at the box's farthest latitude from the equator.
CREATE FUNCTION atlas_degree_box(g geometry, reach_m double precision) RETURNS geometry
LANGUAGE sql IMMUTABLE AS $$
  SELECT ST_Expand(ST_Envelope(g),
           (reach_m * 1.01 + 1) / (111320 * greatest(0.01, cos(radians(least(89, greatest(abs(ST_YMin(g)), abs(ST_YMax(g))) + (reach_m * 1.01 + 1) / 110574))))),
           (reach_m * 1.01 + 1) / 110574)
$$;
