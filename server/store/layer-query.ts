// Builds the SQL of a layer's list query from the layer registry's identifiers and the caller's filters ($n parameters only).
import { checkMetres } from '../metres.js';
import type { Geometry } from 'geojson';
import { scopeConditions } from '../auth/scope.js';
import { badInput } from '../errors.js';
import type { Layer } from '../layers.js';
import { decodeCursor } from './cursor.js';
import type { LayerFilters } from './filters.js';
import type { Viewer } from '../auth/viewer.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 5000;
/** The farthest `near` reaches: a whole city, for a list filter (an area's stops take at most MAX_DISTANCE_M). */
const MAX_NEAR_M = 100_000;

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface ListFilters extends LayerFilters {
  communityCode?: string;
}

/** A column of a layer's rows: the GraphQL field it feeds (camelCase) and its SQL over the table aliased `t`. */
export interface LayerColumn {
  field: string;
  sql: string;
}

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const columnsByLayer = new Map<string, LayerColumn[]>();

/** Every column a layer's rows can carry: the registry's attributes, the links, metric measures and provenance. */
export function layerColumns(layer: Layer): LayerColumn[] {
  let columns = columnsByLayer.get(layer.name);
  if (columns) return columns;
  const plain = (name: string): LayerColumn => ({ field: camelCase(name), sql: `t.${name}` });
  const attributes = layer.attributes.map((a) => plain(a.name));
  const links = layer.links.filter((l) => !layer.attributes.some((a) => a.name === l)).map(plain);
  const measures: LayerColumn[] =
    layer.geometry === 'point'
      ? [{ field: 'location', sql: 'ST_AsGeoJSON(t.geom, 7)' }]
      : layer.geometry === 'polygon-or-point'
        ? [{ field: 'areaM2', sql: 'ST_Area(t.geom_m)' }, { field: 'location', sql: 'ST_AsGeoJSON(ST_PointOnSurface(t.geom), 7)' }]
        : layer.geometry === 'polygon'
          ? [{ field: 'areaM2', sql: 'ST_Area(t.geom_m)' }]
          : [{ field: 'lengthM', sql: 'ST_Length(t.geom_m)' }];
  columns = [...attributes, ...links, ...measures, plain('source'), plain('import_run_id'), plain('source_row')];
  columnsByLayer.set(layer.name, columns);
  return columns;
}

/** A geometry asked for in the same statement: the GeoJSON of `field`, simplified by `tolerance` metres (0: as stored). */
export interface InlineGeometry {
  field: string;
  tolerance: number;
}

/** The column name an inline geometry comes back under (the field resolver looks for it on its row). */
export const inlineGeometryKey = (field: string, tolerance: number) => `${field}@${tolerance}`;

/** The GeoJSON of a row's geometry, as `loadGeometry` reads it: 7 decimals, simplified in the metric projection. */
export function geometrySql(tolerance: number, param: (value: unknown) => string): string {
  return tolerance > 0 ? `ST_AsGeoJSON(ST_Transform(ST_SimplifyPreserveTopology(t.geom_m, ${param(tolerance)}), 4326), 7)` : 'ST_AsGeoJSON(t.geom, 7)';
}

/** What a query reads of each row: the fields (undefined: every column) and geometries to return inline. */
export interface RowSelection {
  fields?: ReadonlySet<string>;
  geometry?: readonly InlineGeometry[];
}

/**
 * The select list of a layer's rows, each column named after its GraphQL field (`t.district_code AS "districtCode"`),
 * so rows need no renaming. Only the selected fields (and always `code`) when `selection.fields` is given.
 * `param` is needed only for simplified inline geometries. The table is aliased `t`.
 */
export function selectColumns(layer: Layer, selection: RowSelection = {}, param?: (value: unknown) => string): string {
  const { fields, geometry = [] } = selection;
  const columns = layerColumns(layer).filter((c) => !fields || c.field === 'code' || fields.has(c.field));
  const list = columns.map((c) => `${c.sql} AS "${c.field}"`);
  for (const g of geometry) {
    if (g.tolerance > 0 && !param) throw new Error('selectColumns: a simplified inline geometry needs a parameter list');
    list.push(`${geometrySql(g.tolerance, param!)} AS "${inlineGeometryKey(g.field, g.tolerance)}"`);
  }
  return list.join(', ');
}

export function checkBbox(bbox: number[]): [number, number, number, number] {
  if (bbox.length !== 4 || bbox.some((n) => !Number.isFinite(n))) {
    throw badInput(`bbox must be four numbers [minLon, minLat, maxLon, maxLat]; got ${bbox.length} value(s).`);
  }
  const [minLon, minLat, maxLon, maxLat] = bbox;
  if (minLon >= maxLon || minLat >= maxLat) {
    throw badInput(`bbox [${bbox.join(', ')}] is not a box: the minimum longitude and latitude must come first and be smaller than the maximum.`);
  }
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    throw badInput(`bbox [${bbox.join(', ')}] is outside lon −180..180, lat −90..90. Give WGS84 degrees.`);
  }
  return [minLon, minLat, maxLon, maxLat];
}

/** WHERE conditions for the filters, with their values appended to `values`. */
export function whereClause(layer: Layer, filters: ListFilters, viewer: Viewer, values: unknown[], alias = 't'): string[] {
  const conditions: string[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const hasColumn = (name: string) => layer.attributes.some((a) => a.name === name) || (layer.links as readonly string[]).includes(name);
  if (filters.code !== undefined) conditions.push(`${alias}.code = ${param(filters.code)}`);
  if (filters.codes) conditions.push(`${alias}.code = ANY(${param(filters.codes)}::text[])`);
  if (filters.nameContains) conditions.push(`${alias}.name ILIKE ${param(`%${filters.nameContains.replace(/[\\%_]/g, '\\$&')}%`)}`);
  const districtColumn = layer.name === 'districts' ? 'code' : hasColumn('district_code') ? 'district_code' : undefined;
  if (filters.districtCode !== undefined) {
    if (!districtColumn) throw badInput(`The ${layer.name} layer cannot be filtered by district.`);
    conditions.push(`${alias}.${districtColumn} = ${param(filters.districtCode)}`);
  }
  // Who may read which rows (officials: their district; cameras: not the public) is part of the SQL, not a filter on results.
  conditions.push(...scopeConditions(layer, viewer, param, alias));
  if (filters.communityCode !== undefined) {
    const column = layer.name === 'communities' ? 'code' : hasColumn('community_code') ? 'community_code' : undefined;
    if (!column) throw badInput(`The ${layer.name} layer cannot be filtered by community.`);
    conditions.push(`${alias}.${column} = ${param(filters.communityCode)}`);
  }
  if (filters.bbox) {
    const [minLon, minLat, maxLon, maxLat] = checkBbox(filters.bbox);
    const box = `ST_MakeEnvelope(${param(minLon)}, ${param(minLat)}, ${param(maxLon)}, ${param(maxLat)}, 4326)`;
    conditions.push(`${alias}.geom && ${box} AND ST_Intersects(${alias}.geom, ${box})`);
  }
  if (filters.intersects) {
    // On geom (WGS84), whose GiST index serves it (geom_m is in each row's own zone).
    conditions.push(`ST_Intersects(${alias}.geom, ST_SetSRID(ST_GeomFromGeoJSON(${param(JSON.stringify(filters.intersects as Geometry))}), 4326))`);
  }
  if (filters.near) {
    const { lon, lat, withinMeters } = filters.near;
    checkMetres('near.withinMeters', withinMeters, { max: MAX_NEAR_M });
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw badInput(`near is not a WGS84 point: lon ${lon}, lat ${lat}.`);
    // Geodesic distance on the ellipsoid, after a lon/lat box that holds every point within reach (GiST on geom).
    const point = `ST_SetSRID(ST_MakePoint(${param(lon)}, ${param(lat)}), 4326)`;
    const within = param(withinMeters);
    conditions.push(`${alias}.geom && atlas_expand_by_m(${point}, ${within}) AND ST_DWithin(${alias}.geom::geography, ${point}::geography, ${within})`);
  }
  return conditions;
}

export function pageSize(first: number | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be a whole number from 0 to ${MAX_PAGE_SIZE}; got ${first}. Page through larger lists with \`after\`.`);
  }
  return first;
}

/** A parameter list: `param(value)` appends a value and returns its placeholder. */
export function parameters(values: unknown[] = []) {
  return {
    values,
    param: (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/**
 * The page query (one row more than asked, to know whether another page follows) and the count query.
 * With `withTotal`, the page query also carries the count of every match (an uncorrelated subquery, run once, as
 * `__total` on each row): one statement instead of two. The count query is then only needed for an empty page.
 */
export function listQueries(layer: Layer, filters: ListFilters, viewer: Viewer, selection: RowSelection = {}, withTotal = false): { page: SqlQuery; count: SqlQuery; size: number } {
  const size = pageSize(filters.first);
  const countValues: unknown[] = [];
  const countConditions = whereClause(layer, filters, viewer, countValues);
  const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  const countText = `SELECT count(*)::integer AS n FROM ${layer.table} t ${where(countConditions)}`;
  const { values: pageValues, param } = parameters();
  const columns = selectColumns(layer, selection, param);
  const total = withTotal ? `, (SELECT count(*)::integer FROM ${layer.table} t ${where(whereClause(layer, filters, viewer, pageValues))}) AS "__total"` : '';
  const pageConditions = whereClause(layer, filters, viewer, pageValues);
  if (filters.after) {
    const afterCode = decodeCursor(filters.after);
    if (afterCode === undefined) throw badInput('after is not a cursor from this API; pass pageInfo.endCursor of the previous page.');
    pageConditions.push(`t.code > ${param(afterCode)}`);
  }
  const limit = param(size + 1);
  return {
    size,
    page: {
      text: `SELECT ${columns}${total} FROM ${layer.table} t ${where(pageConditions)} ORDER BY t.code LIMIT ${limit}`,
      values: pageValues,
    },
    count: { text: countText, values: countValues },
  };
}
