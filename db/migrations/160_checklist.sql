-- The renovation checklist, one rule: an item is done when the store holds `true` for it (the importer writes every
-- checklist as the 11 items by key, each true or false: server/ingest/map-fields.ts). Tiles, the standards and GraphQL
-- count done items with it; a test holds the item list equal to RENOVATION_CHECKLIST (server/layers.ts).

CREATE OR REPLACE FUNCTION atlas_checklist_items() RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['roads_level', 'water_flowing', 'lights_working', 'greenery', 'cables_tidy', 'parking_ordered',
               'buildings_insulated', 'facilities_complete', 'lifts_safe', 'illegal_structures_removed', 'streetscape_clean']
$$;

CREATE OR REPLACE FUNCTION atlas_checklist_done(checklist jsonb) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT count(*)::integer FROM unnest(atlas_checklist_items()) AS item WHERE checklist -> item = 'true'::jsonb
$$;

-- Checklists written before the importer normalised them (a JSON column of words such as "是" or "1"): the same words
-- the importer reads, as booleans; items under other names are kept as they were (they count for nothing).
UPDATE renovation_sites s
SET checklist = s.checklist || n.items
FROM (
  SELECT r.id, jsonb_object_agg(e.key, lower(trim(e.value #>> '{}')) IN ('1', 'true', 'yes', 'y', '是', '已完成', '完成', 'done')) AS items
  FROM renovation_sites r, jsonb_each(r.checklist) e
  WHERE e.key = ANY (atlas_checklist_items()) AND jsonb_typeof(e.value) <> 'boolean'
  GROUP BY r.id
) n
WHERE s.id = n.id;
