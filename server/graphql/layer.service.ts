// Reads any layer: pages with filters, records by code, records linked to a parent, and geometry, all batched.
import { LAYERS, type LayerName } from '../layers.js';
import { encodeCursor, type Connection } from './connection.js';
import type { AtlasContext } from './context.js';
import { listQueries, whereClause, selectColumns, type ListFilters } from './layer-query.js';

export type Row = Record<string, unknown> & { code: string };

const camelNames = new Map<string, string>();
/** snake_case column to camelCase field, remembered: it runs for every column of every row. */
function camel(name: string): string {
  let converted = camelNames.get(name);
  if (converted === undefined) {
    converted = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, converted);
  }
  return converted;
}

/** A database row with camelCase keys, as the GraphQL types name them. */
export function toNode(row: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value])) as Row;
}

export async function listLayer(ctx: AtlasContext, layerName: LayerName, filters: ListFilters): Promise<Connection<Row>> {
  const layer = LAYERS[layerName];
  const { page, count, size } = listQueries(layer, filters, ctx.viewer);
  const [pageResult, countResult] = await Promise.all([ctx.db.query(page.text, page.values), ctx.db.query<{ n: number }>(count.text, count.values)]);
  const nodes = pageResult.rows.slice(0, size).map(toNode);
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.code), node }));
  return {
    totalCount: countResult.rows[0].n,
    nodes,
    edges,
    pageInfo: {
      hasNextPage: pageResult.rows.length > size,
      hasPreviousPage: Boolean(filters.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** One record by code (null when there is none, or the caller may not read it), batched per request. */
export function loadByCode(ctx: AtlasContext, layerName: LayerName, code: string): Promise<Row | null> {
  const layer = LAYERS[layerName];
  return ctx.loaders
    .get<string, Row | null>(`byCode:${layerName}`, async (codes) => {
      const values: unknown[] = [codes];
      const conditions = ['t.code = ANY($1::text[])', ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(`SELECT ${selectColumns(layer)} FROM ${layer.table} t WHERE ${conditions.join(' AND ')}`, values);
      const byCode = new Map(rows.map((r) => [r.code as string, toNode(r)]));
      return codes.map((c) => byCode.get(c) ?? null);
    })
    .load(code);
}

/** The records of `layerName` whose `column` holds each parent code, batched per request. */
export function loadLinked(ctx: AtlasContext, layerName: LayerName, column: 'district_code' | 'community_code' | 'grid_code', parentCode: string): Promise<Row[]> {
  const layer = LAYERS[layerName];
  return ctx.loaders
    .get<string, Row[]>(`linked:${layerName}:${column}`, async (parents) => {
      const values: unknown[] = [parents];
      const conditions = [`t.${column} = ANY($1::text[])`, ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(`SELECT ${selectColumns(layer)} FROM ${layer.table} t WHERE ${conditions.join(' AND ')} ORDER BY t.code`, values);
      const grouped = new Map<string, Row[]>();
      for (const row of rows) {
        const key = row[column] as string;
        if (!grouped.has(key)) grouped.set(key, []);
        grouped.get(key)!.push(toNode(row));
      }
      return parents.map((p) => grouped.get(p) ?? []);
    })
    .load(parentCode);
}

/** Records of `layerName` within `radiusM` metres of each community (metric geometries, GiST-indexed), batched. */
export function loadWithinCommunity(ctx: AtlasContext, layerName: LayerName, communityCode: string, radiusM: number): Promise<Row[]> {
  const layer = LAYERS[layerName];
  return ctx.loaders
    .get<string, Row[]>(`within:${layerName}:${radiusM}`, async (codes) => {
      const values: unknown[] = [codes, radiusM];
      const conditions = ['c.code = ANY($1::text[])', ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(
        `SELECT c.code AS parent_code, ${selectColumns(layer)}
         FROM communities c JOIN ${layer.table} t ON ST_DWithin(t.geom_m, c.geom_m, $2)
         WHERE ${conditions.join(' AND ')} ORDER BY t.code`,
        values,
      );
      const grouped = new Map<string, Row[]>();
      for (const { parent_code: parent, ...row } of rows) {
        if (!grouped.has(parent)) grouped.set(parent, []);
        grouped.get(parent)!.push(toNode(row));
      }
      return codes.map((c) => grouped.get(c) ?? []);
    })
    .load(communityCode);
}

/** A record's geometry as GeoJSON, optionally simplified by a tolerance in metres, batched per request. */
export function loadGeometry(ctx: AtlasContext, layerName: LayerName, code: string, simplifyMeters?: number | null): Promise<string> {
  const layer = LAYERS[layerName];
  const tolerance = simplifyMeters && simplifyMeters > 0 ? simplifyMeters : 0;
  return ctx.loaders
    .get<string, string>(`geometry:${layerName}:${tolerance}`, async (codes) => {
      const geometry = tolerance > 0 ? 'ST_Transform(ST_SimplifyPreserveTopology(geom_m, $2), 4326)' : 'geom';
      const { rows } = await ctx.db.query<{ code: string; geojson: string }>(
        `SELECT code, ST_AsGeoJSON(${geometry}, 7) AS geojson FROM ${layer.table} WHERE code = ANY($1::text[])`,
        tolerance > 0 ? [codes, tolerance] : [codes],
      );
      const byCode = new Map(rows.map((r) => [r.code, r.geojson]));
      return codes.map((c) => byCode.get(c) ?? 'null');
    })
    .load(code);
}
