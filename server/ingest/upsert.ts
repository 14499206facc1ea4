// The SQL that writes staged rows into a layer's table, built only from the layer registry's identifiers.
import type { Layer } from '../layers.js';

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

/** Inserts new codes and updates changed ones ($1 run id, $2 source); a row identical to what is stored is left untouched. */
export function upsertSql(layer: Layer): string {
  const names = layer.attributes.map((a) => a.name);
  const geometry = layer.geometry === 'polygon' || layer.geometry === 'line' ? 'ST_Multi(s.geom)' : 's.geom';
  const updatable = [...names.filter((n) => n !== 'code'), 'geom'];
  return `INSERT INTO ${layer.table} AS t (${names.join(', ')}, geom, source, import_run_id, source_row)
    SELECT ${names.map((n) => attributeExpression(layer, n)).join(', ')}, ${geometry}, $2, $1, s.source_row
    FROM import_rows s
    ON CONFLICT (code) DO UPDATE SET
      ${updatable.map((n) => `${n} = EXCLUDED.${n}`).join(', ')},
      source = EXCLUDED.source, import_run_id = EXCLUDED.import_run_id, source_row = EXCLUDED.source_row
    WHERE (${updatable.map((n) => `t.${n}`).join(', ')}, t.source) IS DISTINCT FROM (${updatable.map((n) => `EXCLUDED.${n}`).join(', ')}, EXCLUDED.source)`;
}

/** Removes what source $1 loaded before and is not among codes $2 (--replace). */
export function replaceSql(layer: Layer): string {
  return `DELETE FROM ${layer.table} WHERE source = $1 AND code <> ALL($2::text[])`;
}
