// Where an area's name is written on a map: one point inside each community or district, computed by PostGIS
// (label-points.sql), batched per request, and kept by the digest of the geometry it was computed from.
import { LRUCache } from 'lru-cache';
import { loadQueries } from '../db/queries.js';
import type { AtlasContext } from '../request/context.js';

const sql = loadQueries(new URL('./label-points.sql', import.meta.url), ['communityDigests', 'districtDigests', 'communityLabelPoints', 'districtLabelPoints'] as const);

const QUERIES = {
  communities: { digests: sql.communityDigests, points: sql.communityLabelPoints },
  districts: { digests: sql.districtDigests, points: sql.districtLabelPoints },
};

export type LabelledLayer = keyof typeof QUERIES;

/**
 * Label points by layer and geometry digest: the same geometry has the same point in any store, so an edited area
 * (a new digest) is computed again and nothing else is. 200,000 points are a few tens of megabytes at most.
 */
const known = new LRUCache<string, string>({ max: 200_000 });

async function labelPoints(ctx: AtlasContext, layer: LabelledLayer, codes: readonly string[]): Promise<string[]> {
  const { rows: digests } = await ctx.db.query<{ code: string; digest: string }>(QUERIES[layer].digests, [codes]);
  const byCode = new Map<string, string>();
  const missing: string[] = [];
  for (const { code, digest } of digests) {
    const point = known.get(`${layer}:${digest}`);
    if (point === undefined) missing.push(code);
    else byCode.set(code, point);
  }
  if (missing.length) {
    const { rows } = await ctx.db.query<{ code: string; digest: string; geojson: string | null }>(QUERIES[layer].points, [missing]);
    for (const { code, digest, geojson } of rows) {
      byCode.set(code, geojson ?? 'null');
      if (geojson) known.set(`${layer}:${digest}`, geojson);
    }
  }
  return codes.map((code) => byCode.get(code) ?? 'null');
}

/** The label point of the record with this code, as a GeoJSON Point's text ('null' for a code the store lacks). */
export function loadLabelPoint(ctx: AtlasContext, layer: LabelledLayer, code: string): Promise<string> {
  return ctx.loaders.get<string, string>(`label-point:${layer}`, (codes) => labelPoints(ctx, layer, codes)).load(code);
}
