// Builds the SQL of a layer's list query from the layer registry's identifiers and the caller's filters ($n parameters only).
import type { Geometry } from 'geojson';
import { scopeConditions } from '../auth/scope.js';
import { badInput } from '../errors.js';
import type { Layer } from '../layers.js';
import { decodeCursor } from './connection.js';
import type { LayerListArgs } from './filters.input.js';
import type { Viewer } from './viewer.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 5000;

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface ListFilters extends LayerListArgs {
  communityCode?: string;
}

/** Columns every list query returns: the registry's attributes, the links, provenance and metric measures. */
export function selectColumns(layer: Layer, alias = 't'): string {
  const attributes = layer.attributes.map((a) => `${alias}.${a.name}`);
  const links = layer.links.filter((l) => !layer.attributes.some((a) => a.name === l)).map((l) => `${alias}.${l}`);
  const measures =
    layer.geometry === 'point'
      ? [`ST_AsGeoJSON(${alias}.geom, 7) AS location`]
      : layer.geometry === 'polygon-or-point'
        ? [`ST_Area(${alias}.geom_m) AS area_m2`, `ST_AsGeoJSON(ST_PointOnSurface(${alias}.geom), 7) AS location`]
        : layer.geometry === 'polygon'
          ? [`ST_Area(${alias}.geom_m) AS area_m2`]
          : [`ST_Length(${alias}.geom_m) AS length_m`];
  return [...attributes, ...links, ...measures, `${alias}.source`, `${alias}.import_run_id`, `${alias}.source_row`].join(', ');
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
    // Transformed into the table's metric SRID so the GiST index on geom_m is used.
    conditions.push(`ST_Intersects(${alias}.geom_m, ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${param(JSON.stringify(filters.intersects as Geometry))}), 4326), atlas_metric_srid()))`);
  }
  if (filters.near) {
    const { lon, lat, withinMeters } = filters.near;
    if (!(withinMeters >= 0)) throw badInput(`near.withinMeters must be a distance in metres of 0 or more; got ${withinMeters}.`);
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw badInput(`near is not a WGS84 point: lon ${lon}, lat ${lat}.`);
    conditions.push(`ST_DWithin(${alias}.geom_m, ST_Transform(ST_SetSRID(ST_MakePoint(${param(lon)}, ${param(lat)}), 4326), atlas_metric_srid()), ${param(withinMeters)})`);
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

/** The page query (one row more than asked, to know whether another page follows) and the count query. */
export function listQueries(layer: Layer, filters: ListFilters, viewer: Viewer): { page: SqlQuery; count: SqlQuery; size: number } {
  const size = pageSize(filters.first);
  const countValues: unknown[] = [];
  const countConditions = whereClause(layer, filters, viewer, countValues);
  const pageValues: unknown[] = [];
  const pageConditions = whereClause(layer, filters, viewer, pageValues);
  if (filters.after) {
    const afterCode = decodeCursor(filters.after);
    if (afterCode === undefined) throw badInput('after is not a cursor from this API; pass pageInfo.endCursor of the previous page.');
    pageValues.push(afterCode);
    pageConditions.push(`t.code > $${pageValues.length}`);
  }
  pageValues.push(size + 1);
  const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  return {
    size,
    page: {
      text: `SELECT ${selectColumns(layer)} FROM ${layer.table} t ${where(pageConditions)} ORDER BY t.code LIMIT $${pageValues.length}`,
      values: pageValues,
    },
    count: { text: `SELECT count(*)::integer AS n FROM ${layer.table} t ${where(countConditions)}`, values: countValues },
  };
}
