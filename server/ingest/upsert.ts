// The SQL that writes staged rows into a layer's table, built only from the layer registry's identifiers.
import type { Layer } from '../layers.js';
import { linkedParentSql } from './links.js';

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
 * Inserts new codes and updates changed ones ($1 run id, $2 source); a row identical to what is stored is left untouched.
 * Links to the district, community and grid cell that contain each record are computed here, from its point on surface
 * in the store's metric CRS; a link the file gives is kept only where no parent contains the record.
 */
export function upsertSql(layer: Layer): string {
  const names = layer.attributes.map((a) => a.name);
  const values = new Map(names.map((n) => [n, attributeExpression(layer, n)]));
  for (const column of layer.links) {
    const computed = linkedParentSql(column, 'anchor.point');
    values.set(column, values.has(column) ? `coalesce(${computed}, ${values.get(column)})` : computed);
  }
  const columns = [...values.keys()];
  const geometry = layer.geometry === 'polygon' || layer.geometry === 'line' ? 'ST_Multi(s.geom)' : 's.geom';
  const anchor = layer.links.length > 0 ? 'CROSS JOIN LATERAL (SELECT ST_PointOnSurface(ST_Transform(s.geom, atlas_metric_srid())) AS point) anchor' : '';
  const updatable = [...columns.filter((n) => n !== 'code'), 'geom'];
  return `INSERT INTO ${layer.table} AS t (${columns.join(', ')}, geom, source, import_run_id, source_row)
    SELECT ${[...values.values()].join(', ')}, ${geometry}, $2, $1, s.source_row
    FROM import_rows s ${anchor}
    ON CONFLICT (code) DO UPDATE SET
      ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      source = EXCLUDED.source, import_run_id = EXCLUDED.import_run_id, source_row = EXCLUDED.source_row
    WHERE (${updatable.map((n) => `t.${n}`).join(', ')}, t.source) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')}, EXCLUDED.source)`;
}

/** Fixes the store's metric CRS from the staged rows' extent when the store has none yet (the first import). */
export const SETTLE_METRIC_SRID_SQL = `INSERT INTO atlas_settings (key, value)
  SELECT 'metric_srid', to_jsonb(atlas_metric_srid_for(ST_SetSRID(ST_Extent(geom)::geometry, 4326))) FROM import_rows HAVING count(*) > 0
  ON CONFLICT (key) DO NOTHING`;

/** Removes what source $1 loaded before and is not among codes $2 (--replace). */
export function replaceSql(layer: Layer): string {
  return `DELETE FROM ${layer.table} WHERE source = $1 AND code <> ALL($2::text[])`;
}
