// Reads any layer: pages with filters, records by code, records linked to a parent, and geometry, all batched.
// Each statement selects only what the GraphQL request reads of the rows (selection.ts), under the field names of the
// GraphQL types, with the geometry asked for in the same statement; rows are handed to the resolvers as they come.
import { checkMetres } from '../metres.js';
import type { GraphQLResolveInfo } from 'graphql';
import { LAYERS, type LayerName } from '../layers.js';
import { encodeCursor, type Connection } from './connection.js';
import type { AtlasContext } from '../request/context.js';
import { inlineGeometryKey, listQueries, parameters, selectColumns, whereClause, type ListFilters } from '../store/layer-query.js';
import { connectionSelection, EVERYTHING, nodeSelection, type CoverageSelection, type LayerSelection } from './selection.js';
import { prefetchAreaCoverage } from '../analysis/coverage.service.js';
import type { AreaLevel } from '../analysis/area-levels.js';
import { requestFor } from './coverage/coverage-args.js';
import { District } from './district/district.type.js';
import { Community } from './community/community.type.js';
import { GridCell } from './grid-cell/grid-cell.type.js';
import { Camera } from './camera/camera.type.js';
import { BusStop } from './bus-stop/bus-stop.type.js';
import { RenovationSite } from './renovation-site/renovation-site.type.js';

export type Row = Record<string, unknown> & { code: string };

const camelNames = new Map<string, string>();
/** snake_case column to camelCase field, remembered. */
function camel(name: string): string {
  let converted = camelNames.get(name);
  if (converted === undefined) {
    converted = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(name, converted);
  }
  return converted;
}

/** A database row with camelCase keys, as the GraphQL types name them (for hand-written SQL with snake_case columns). */
export function toNode(row: Record<string, unknown>): Row {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [camel(key), value])) as Row;
}

/**
 * The GraphQL type of each layer's records. Rows become instances of it (their prototype is set, nothing is copied):
 * type-graphql hands a field resolver's `@Root()` over as is when it already is an instance, and copies it otherwise.
 */
const NODE_PROTOTYPES: Partial<Record<LayerName, object>> = {
  districts: District.prototype,
  communities: Community.prototype,
  'grid-cells': GridCell.prototype,
  cameras: Camera.prototype,
  'bus-stops': BusStop.prototype,
  'renovation-sites': RenovationSite.prototype,
};

function asNodes(ctx: AtlasContext, layerName: LayerName, rows: Record<string, unknown>[]): Row[] {
  const prototype = NODE_PROTOTYPES[layerName];
  if (prototype) for (const row of rows) Object.setPrototypeOf(row, prototype);
  // A camera without a range of its own reaches the configured default (Camera.rangeM), set here once per row
  // rather than by a field resolver per row.
  if (layerName === 'cameras') {
    for (const row of rows) if ('rangeM' in row && row.rangeM == null) row.rangeM = ctx.config.defaultCameraRangeM;
  }
  return rows as Row[];
}

/** The GeoJSON of a record's geometry when its query returned it inline (see selection.ts), else undefined. */
/** `simplifyMeters` as a tolerance: absent or 0 keeps the geometry as stored; a bad value is BAD_USER_INPUT. */
export const simplifyTolerance = (simplifyMeters?: number | null): number =>
  simplifyMeters === undefined || simplifyMeters === null ? 0 : checkMetres('simplifyMeters', simplifyMeters);

export function inlineGeometry(row: object, field: string, simplifyMeters?: number | null): string | undefined {
  const tolerance = simplifyTolerance(simplifyMeters);
  const value = (row as Record<string, unknown>)[inlineGeometryKey(field, tolerance)];
  return typeof value === 'string' ? value : undefined;
}

export async function listLayer(ctx: AtlasContext, layerName: LayerName, filters: ListFilters, info?: GraphQLResolveInfo): Promise<Connection<Row>> {
  const layer = LAYERS[layerName];
  const selection = connectionSelection(layer, info);
  const { page, count, size } = listQueries(layer, filters, ctx.viewer, selection, selection.totalCount);
  const pageResult = await ctx.db.query(page.text, page.values);
  const rows = pageResult.rows;
  let totalCount = 0;
  if (selection.totalCount) {
    // The page carries the count; an empty page cannot, so then it is counted on its own.
    totalCount = rows.length > 0 ? (rows[0].__total as number) : (await ctx.db.query<{ n: number }>(count.text, count.values)).rows[0].n;
  }
  const nodes = asNodes(ctx, layerName, rows.length > size ? rows.slice(0, size) : rows);
  if (selection.coverage?.length && nodes.length > 0 && (layerName === 'communities' || layerName === 'grid-cells' || layerName === 'districts')) {
    await prefetchCoverage(ctx, layerName, nodes, selection.coverage);
  }
  let edges: Connection<Row>['edges'] | undefined;
  return {
    totalCount,
    nodes,
    // Built when asked for: most clients read `nodes`, and a cursor per record is an allocation per record.
    get edges() {
      return (edges ??= nodes.map((node) => ({ cursor: encodeCursor(node.code), node })));
    },
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: Boolean(filters.after),
      startCursor: nodes.length > 0 ? encodeCursor(nodes[0].code) : null,
      endCursor: nodes.length > 0 ? encodeCursor(nodes[nodes.length - 1].code) : null,
    },
  };
}

/**
 * The coverage the page's records are asked for, read for the whole page at once (the statement their DataLoader batch
 * would run), so each record's coverage field answers without a promise of its own: a warm page of 5,000 grid cells
 * spent more in per-record promises, DataLoader entries and microtasks than in its one cache statement. Anything that
 * goes wrong here (a radius out of range, the store) is left to the fields themselves, which report it per record as
 * before.
 */
async function prefetchCoverage(ctx: AtlasContext, level: AreaLevel, nodes: Row[], coverage: readonly CoverageSelection[]): Promise<void> {
  const codes = nodes.map((node) => node.code);
  await Promise.all(
    coverage.map(async ({ kind, radiusMeters, along }) => {
      try {
        await prefetchAreaCoverage(ctx, level, codes, requestFor(ctx, kind, radiusMeters, along));
      } catch {
        // The fields ask again, each reporting the error as before.
      }
    }),
  );
}

/** One record by code (null when there is none, or the caller may not read it), batched per request. */
export function loadByCode(ctx: AtlasContext, layerName: LayerName, code: string, info?: GraphQLResolveInfo): Promise<Row | null> {
  const layer = LAYERS[layerName];
  const selection: LayerSelection = info ? nodeSelection(layer, info) : EVERYTHING;
  return ctx.loaders
    .get<string, Row | null>(`byCode:${layerName}:${selection.key}`, async (codes) => {
      const { values, param } = parameters([codes]);
      const columns = selectColumns(layer, selection, param);
      const conditions = ['t.code = ANY($1::text[])', ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(`SELECT ${columns} FROM ${layer.table} t WHERE ${conditions.join(' AND ')}`, values);
      const byCode = new Map(asNodes(ctx, layerName, rows).map((r) => [r.code, r]));
      return codes.map((c) => byCode.get(c) ?? null);
    })
    .load(code);
}

/** The records of `layerName` whose `column` holds each parent code, batched per request. */
export function loadLinked(
  ctx: AtlasContext,
  layerName: LayerName,
  column: 'district_code' | 'community_code' | 'grid_code',
  parentCode: string,
  info?: GraphQLResolveInfo,
): Promise<Row[]> {
  const layer = LAYERS[layerName];
  const selection: LayerSelection = info ? nodeSelection(layer, info) : EVERYTHING;
  return ctx.loaders
    .get<string, Row[]>(`linked:${layerName}:${column}:${selection.key}`, async (parents) => {
      const { values, param } = parameters([parents]);
      const columns = selectColumns(layer, selection, param);
      const conditions = [`t.${column} = ANY($1::text[])`, ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(
        `SELECT t.${column} AS "__parent", ${columns} FROM ${layer.table} t WHERE ${conditions.join(' AND ')} ORDER BY t.code`,
        values,
      );
      const grouped = new Map<string, Row[]>();
      for (const row of asNodes(ctx, layerName, rows)) {
        const key = row.__parent as string;
        const group = grouped.get(key);
        if (group) group.push(row);
        else grouped.set(key, [row]);
      }
      return parents.map((p) => grouped.get(p) ?? []);
    })
    .load(parentCode);
}

/**
 * Records of `layerName` within `radiusM` metres of each community, measured in the community's zone (found through
 * the GiST index on geom, in the box of that reach), batched.
 */
export function loadWithinCommunity(ctx: AtlasContext, layerName: LayerName, communityCode: string, radiusM: number, info?: GraphQLResolveInfo): Promise<Row[]> {
  try {
    checkMetres('withinMeters', radiusM);
  } catch (error) {
    return Promise.reject(error);
  }
  const layer = LAYERS[layerName];
  const selection: LayerSelection = info ? nodeSelection(layer, info) : EVERYTHING;
  return ctx.loaders
    .get<string, Row[]>(`within:${layerName}:${radiusM}:${selection.key}`, async (codes) => {
      const { values, param } = parameters([codes, radiusM]);
      const columns = selectColumns(layer, selection, param);
      const conditions = ['c.code = ANY($1::text[])', ...whereClause(layer, {}, ctx.viewer, values)];
      const { rows } = await ctx.db.query(
        `SELECT c.code AS "__parent", ${columns}
         FROM communities c JOIN ${layer.table} t ON t.geom && atlas_reach_box(c.geom_m, $2) AND ST_DWithin(atlas_to_srid(t.geom_m, ST_SRID(c.geom_m)), c.geom_m, $2)
         WHERE ${conditions.join(' AND ')} ORDER BY t.code`,
        values,
      );
      const grouped = new Map<string, Row[]>();
      for (const row of asNodes(ctx, layerName, rows)) {
        const key = row.__parent as string;
        const group = grouped.get(key);
        if (group) group.push(row);
        else grouped.set(key, [row]);
      }
      return codes.map((c) => grouped.get(c) ?? []);
    })
    .load(communityCode);
}

/**
 * A record's geometry as GeoJSON, optionally simplified by a tolerance in metres: from the record's own row when its
 * query selected it (the usual case in GraphQL), else batched per request.
 */
export function loadGeometry(ctx: AtlasContext, layerName: LayerName, code: string, simplifyMeters?: number | null, row?: object, field?: string): Promise<string> | string {
  if (row && field) {
    const inline = inlineGeometry(row, field, simplifyMeters);
    if (inline !== undefined) return inline;
  }
  const layer = LAYERS[layerName];
  const tolerance = simplifyTolerance(simplifyMeters);
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
