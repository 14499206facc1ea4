// The SQL that writes staged rows into a layer's table, built only from the layer registry's identifiers.
import { codeConflictTarget } from '../db/distribution.js';
import { LAYERS, type Layer } from '../layers.js';
import { PARENT_OF, type LinkColumn } from './links.js';

/** What a missing value means where the table needs one: a camera without a field of view sees all round (PRODUCT.md). */
const MISSING_MEANS: Record<string, string> = { fov_deg: '360' };

function attributeExpression(layer: Layer, name: string): string {
  const expression = valueExpression(layer, name);
  return MISSING_MEANS[name] ? `coalesce(${expression}, ${MISSING_MEANS[name]})` : expression;
}

function valueExpression(layer: Layer, name: string): string {
  const attribute = layer.attributes.find((a) => a.name === name)!;
  switch (attribute.type) {
    case 'text':
      return `(s.attrs->>'${name}')`;
    case 'integer':
      return `(s.attrs->>'${name}')::integer`;
    case 'number':
      return `(s.attrs->>'${name}')::double precision`;
    case 'date':
      return `(s.attrs->>'${name}')::date`;
    case 'json':
      return `coalesce(nullif(s.attrs->'${name}', 'null'::jsonb), '{}'::jsonb)`;
  }
}

/**
 * Where the point each staged record is linked from is, in WGS84 (the parents are found through their GiST index on
 * geom): a point itself, else its point on surface in import_anchors (stage.sql anchorRows says why that is a table
 * of its own).
 */
export function stagedAnchors(layer: Layer): { table: 'import_rows' | 'import_anchors'; column: 'geom' | 'anchor' } {
  return layer.geometry === 'point' ? { table: 'import_rows', column: 'geom' } : { table: 'import_anchors', column: 'anchor' };
}

/** How a link is computed: which side of the join is probed through its GiST index. */
export type LinkPlan = 'parents-outer' | 'rows-outer';

/**
 * The code of the parent containing each staged record, for one link column: (source_row, code); where parents
 * overlap, the smallest code wins (as `ORDER BY code LIMIT 1` did). Two plans give the same rows:
 * - parents-outer: the parents within the staged rows' extent are the outer side and the staged anchors (GiST-indexed)
 *   the inner side, so each parent polygon is tested against the records inside its box one after another, and PostGIS
 *   keeps it prepared between calls: 100,000 cameras inside 15,000 grid cells cost 15,000 index scans, not 100,000;
 * - rows-outer: one probe of the parents' index per record, cheaper when there are fewer records than parents.
 */
function linkSql(layer: Layer, column: LinkColumn, plan: LinkPlan, distributed: ReadonlySet<string>): string {
  const { table, column: anchor } = stagedAnchors(layer);
  const parents = LAYERS[PARENT_OF[column]].table;
  if (distributed.has(parents)) {
    // Parents distributed by district (Citus): a plain join, which Citus runs on every shard with the staged anchors
    // sent to it; a subquery correlated with a distributed table is not supported there.
    return `SELECT s.source_row, min(p.code) AS code FROM ${parents} p JOIN ${table} s ON ST_Intersects(p.geom, s.${anchor}) GROUP BY s.source_row`;
  }
  if (plan === 'rows-outer') {
    return `SELECT s.source_row, (SELECT min(p.code) FROM ${parents} p WHERE ST_Intersects(p.geom, s.${anchor})) AS code FROM ${table} s`;
  }
  return `SELECT s.source_row, min(p.code) AS code
    FROM ${parents} p
    CROSS JOIN LATERAL (SELECT s.source_row FROM ${table} s WHERE ST_Intersects(p.geom, s.${anchor}) OFFSET 0) s
    WHERE p.geom && (SELECT box FROM staged_extent)
    GROUP BY s.source_row`;
}

/** For each link column of the layer: how many parents lie within the staged rows' extent (one statement). */
export function parentsInExtentSql(layer: Layer): string {
  const { table, column: anchor } = stagedAnchors(layer);
  // The extent first, then uncorrelated counts (Citus runs no subquery correlated with a distributed table).
  const counts = layer.links.map((column) => `(SELECT count(*) FROM ${LAYERS[PARENT_OF[column]].table} p WHERE p.geom && (SELECT box FROM e))::integer AS ${column}`);
  return `WITH e AS MATERIALIZED (SELECT ST_SetSRID(ST_Extent(${anchor})::geometry, 4326) AS box FROM ${table}) SELECT ${counts.join(', ')}`;
}

/** Parents-outer when there are fewer parents to scan than records to probe with. */
export function linkPlans(layer: Layer, rows: number, parentsInExtent: Partial<Record<LinkColumn, number>>): Partial<Record<LinkColumn, LinkPlan>> {
  return Object.fromEntries(layer.links.map((column) => [column, (parentsInExtent[column] ?? 0) < rows ? 'parents-outer' : 'rows-outer']));
}

/**
 * A camera's view sector, as atlas_camera_view draws it (014's trigger, 111), built by one affine transform of the unit
 * sector of its field of view (drawn once per distinct fov in the file): rotating and scaling 30-odd arc points in C
 * instead of generating them one SQL row at a time, 10× cheaper; the vertices agree to within 1e-9 m.
 */
const CAMERA_VIEW_SQL = `CASE WHEN s.range_m IS NULL THEN NULL
    WHEN s.direction_deg IS NULL OR u.unit IS NULL THEN atlas_coverage_circle(s.geom_m, s.range_m)
    ELSE ST_SetSRID(ST_Affine(u.unit, s.range_m * cos(d.grid_rad), s.range_m * sin(d.grid_rad),
                   -s.range_m * sin(d.grid_rad), s.range_m * cos(d.grid_rad), ST_X(s.geom_m), ST_Y(s.geom_m)), ST_SRID(s.geom_m)) END`;
/** The camera's direction as a bearing from its zone's grid north, as atlas_camera_view turns it (111_camera_true_north.sql). */
const CAMERA_GRID_DIRECTION_SQL = 'CROSS JOIN LATERAL (SELECT radians(atlas_grid_bearing_deg(s.direction_deg, s.geom, ST_SRID(s.geom_m))) AS grid_rad) d';
const CAMERA_UNIT_SECTORS_SQL = `SELECT fov_deg, atlas_coverage_sector(ST_MakePoint(0, 0), 0, fov_deg, 1) AS unit
    FROM (SELECT DISTINCT coalesce((attrs->>'fov_deg')::double precision, 360) AS fov_deg FROM import_rows) f WHERE fov_deg < 360`;

/**
 * Inserts new codes and updates changed ones ($1 run id, $2 source); a row identical to what is stored is left untouched.
 * Links to the district, community and grid cell that contain each record are computed here, set-based, from its point
 * on surface in WGS84; a link the file gives is kept only where no parent contains the record.
 * New rows bring their metric geometry (and a camera its view sector), so the per-row triggers skip them (040);
 * updated rows go through the update triggers as before.
 * `distributed`: the tables distributed by district (Citus, server/db/distribution.ts): their keys and links differ there.
 */
export function upsertSql(layer: Layer, plans: Partial<Record<LinkColumn, LinkPlan>> = {}, distributed: ReadonlySet<string> = new Set()): string {
  const { ctes, insert } = upsertParts(layer, plans, distributed);
  return `${ctes.length ? `WITH ${ctes.join(',\n  ')}\n` : ''}${insert}`;
}

/**
 * The upsert of upsertSql in two parts: the CTEs it reads (links, unit sectors) and the INSERT … ON CONFLICT itself,
 * for a statement that holds it as a CTE of its own (change-sets.ts upsertRecordedSql).
 */
export function upsertParts(layer: Layer, plans: Partial<Record<LinkColumn, LinkPlan>> = {}, distributed: ReadonlySet<string> = new Set()): { ctes: string[]; insert: string } {
  const conflictTarget = codeConflictTarget(layer.table, distributed);
  const names = layer.attributes.map((a) => a.name);
  const typed = new Map(names.map((n) => [n, attributeExpression(layer, n)]));
  const values = new Map(names.map((n) => [n, `s.${n}`]));
  const ctes: string[] = [];
  const joins: string[] = [];
  if (layer.links.some((column) => (plans[column] ?? 'parents-outer') === 'parents-outer')) {
    // The staged rows' extent, taken once for every parents-outer link (a scan of 100,000 staged cameras each).
    const { table, column: anchor } = stagedAnchors(layer);
    ctes.push(`staged_extent AS MATERIALIZED (SELECT ST_SetSRID(ST_Extent(${anchor})::geometry, 4326) AS box FROM ${table})`);
  }
  for (const column of layer.links) {
    ctes.push(`link_${column} AS (${linkSql(layer, column, plans[column] ?? 'parents-outer', distributed)})`);
    joins.push(`LEFT JOIN link_${column} ON link_${column}.source_row = s.source_row`);
    values.set(column, values.has(column) ? `coalesce(link_${column}.code, ${values.get(column)})` : `link_${column}.code`);
  }
  const multi = layer.geometry === 'polygon' || layer.geometry === 'line';
  values.set('geom', multi ? 'ST_Multi(s.geom)' : 's.geom');
  values.set('geom_m', multi ? 'ST_Multi(s.geom_m)' : 's.geom_m');
  if (layer.name === 'cameras') {
    ctes.push(`unit_sectors AS (${CAMERA_UNIT_SECTORS_SQL})`);
    joins.push('LEFT JOIN unit_sectors u ON u.fov_deg = s.fov_deg', CAMERA_GRID_DIRECTION_SQL);
    values.set('view_m', CAMERA_VIEW_SQL);
  }
  const columns = [...values.keys()];
  const updatable = [...names.filter((n) => n !== 'code'), ...layer.links.filter((n) => !names.includes(n)), 'geom'];
  // The typed attributes are computed once per row (OFFSET 0 keeps the planner from repeating them in each use).
  const staged = `(SELECT s.source_row, s.geom, s.geom_m, ${[...typed].map(([n, e]) => `${e} AS ${n}`).join(', ')} FROM import_rows s OFFSET 0) s`;
  const insert = `INSERT INTO ${layer.table} AS t (${columns.join(', ')}, source, import_run_id, source_row)
    SELECT ${[...values.values()].join(', ')}, $2, $1, s.source_row
    FROM ${staged}
    ${joins.join('\n    ')}
    ON CONFLICT ${conflictTarget} DO UPDATE SET
      ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      source = EXCLUDED.source, import_run_id = EXCLUDED.import_run_id, source_row = EXCLUDED.source_row
    WHERE (${updatable.map((n) => `t.${n}`).join(', ')}, t.source) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')}, EXCLUDED.source)`;
  return { ctes, insert };
}

/** Removes what source $1 loaded before and is not among codes $2 (--replace). */
export function replaceSql(layer: Layer): string {
  return `DELETE FROM ${layer.table} WHERE source = $1 AND code <> ALL($2::text[])`;
}
