// Where an area's name is written on a map: one point inside each community or district, computed by PostGIS
// (label-points.sql) and batched per request, as GeoJSON text.
import { loadQueries } from '../db/queries.js';
import type { AtlasContext } from '../request/context.js';

const sql = loadQueries(new URL('./label-points.sql', import.meta.url), ['communityLabelPoints', 'districtLabelPoints'] as const);

const QUERY = { communities: sql.communityLabelPoints, districts: sql.districtLabelPoints };

/** The label point of the record with this code, as a GeoJSON Point's text ('null' for a code the store lacks). */
export function loadLabelPoint(ctx: AtlasContext, layerName: keyof typeof QUERY, code: string): Promise<string> {
  return ctx.loaders
    .get<string, string>(`label-point:${layerName}`, async (codes) => {
      const { rows } = await ctx.db.query<{ code: string; geojson: string | null }>(QUERY[layerName], [codes]);
      const byCode = new Map(rows.map((r) => [r.code, r.geojson ?? 'null']));
      return codes.map((c) => byCode.get(c) ?? 'null');
    })
    .load(code);
}
