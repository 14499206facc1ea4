// One record of a layer by code, for the core (analyses, history): every column under its field name, within the
// caller's scope (a record the caller may not read is null), batched per request. The GraphQL face reads records
// with its own selection of fields (graphql/layer.service.ts); both build the statement from layer-query.ts.
import { LAYERS, type LayerName } from '../layers.js';
import type { AtlasContext } from '../request/context.js';
import { parameters, selectColumns, whereClause } from './layer-query.js';

export type LayerRow = Record<string, unknown> & { code: string };

export function loadRow(ctx: AtlasContext, layerName: LayerName, code: string): Promise<LayerRow | null> {
  const layer = LAYERS[layerName];
  return ctx.loaders
    .get<string, LayerRow | null>(`row:${layerName}`, async (codes) => {
      const { values, param } = parameters([codes]);
      const conditions = ['t.code = ANY($1::text[])', ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query<LayerRow>(`SELECT ${selectColumns(layer, {}, param)} FROM ${layer.table} t WHERE ${conditions.join(' AND ')}`, values);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      return codes.map((c) => byCode.get(c) ?? null);
    })
    .load(code);
}
