-- The queries of the standards: rules, and the per-community measures their metrics read.

-- name: listRules
SELECT id, title_zh, title_en, source, metric, scope, unit, comparison, target, target_max, targets_by_kind, params, enabled,
       updated_at::text AS updated_at, updated_by
FROM standard_rules ORDER BY id;

-- name: updateRule
-- $1 id; $2..$7 the new values, NULL keeping the old one except where $8 lists the field as cleared.
UPDATE standard_rules SET
  target          = CASE WHEN 'target' = ANY($8::text[]) THEN NULL ELSE coalesce($2, target) END,
  target_max      = CASE WHEN 'targetMax' = ANY($8::text[]) THEN NULL ELSE coalesce($3, target_max) END,
  targets_by_kind = coalesce($4::jsonb, targets_by_kind),
  params          = coalesce($5::jsonb, params),
  enabled         = coalesce($6, enabled),
  updated_by      = $7,
  updated_at      = now()
WHERE id = $1
RETURNING id;

-- name: communityAttributes
-- $1 codes; $2 their districts when the request knows them (server/db/distribution.ts districtsOf), else NULL.
SELECT code, kind, households, population, elderly, service_area_m2, office_area_m2, activity_area_m2, social_orgs, volunteers, care_beds
FROM communities WHERE code = ANY($1::text[]) AND ($2::text[] IS NULL OR district_code = ANY($2::text[]));

-- name: gridStats
-- Per community: its grid cells, those without a worker, and how far the cells are from tiling it (uncovered and doubly covered m²),
-- measured in the community's zone (a cell may be in another). A community's cells are those of its district (on Citus
-- the join then stays on the district's shard). $1 codes; $2 their districts or NULL, as above (named on both sides
-- of the lateral join: Citus prunes the shards of a lateral subquery only by its own conditions).
SELECT c.code, s.cells, s.without_worker,
       ST_Area(c.geom_m) - coalesce(ST_Area(ST_Intersection(c.geom_m, s.union_m)), 0) AS gap_m2,
       coalesce(s.sum_m2 - ST_Area(ST_Intersection(c.geom_m, s.union_m)), 0) AS overlap_m2
FROM communities c
CROSS JOIN LATERAL (
  SELECT count(*)::int AS cells,
         (count(*) FILTER (WHERE coalesce(g.workers, 0) < 1))::int AS without_worker,
         ST_Union(atlas_to_srid(g.geom_m, ST_SRID(c.geom_m))) AS union_m,
         sum(ST_Area(ST_Intersection(atlas_to_srid(g.geom_m, ST_SRID(c.geom_m)), c.geom_m))) AS sum_m2
  FROM grid_cells g WHERE g.district_code = c.district_code AND g.community_code = c.code
    AND ($2::text[] IS NULL OR g.district_code = ANY($2::text[]))
) s
WHERE c.code = ANY($1::text[]) AND ($2::text[] IS NULL OR c.district_code = ANY($2::text[]));

-- name: checklistStats
-- Per community: completed renovation sites, and those of them missing one or more of the 11 checklist items
-- (atlas_checklist_done, db/migrations/160_checklist.sql).
SELECT s.community_code AS code,
       (count(*) FILTER (WHERE s.status = 'completed'))::int AS completed,
       (count(*) FILTER (WHERE s.status = 'completed' AND atlas_checklist_done(s.checklist) < cardinality(atlas_checklist_items())))::int AS incomplete
FROM renovation_sites s
WHERE s.community_code = ANY($1::text[])
GROUP BY s.community_code;
