// OGC API – Features, the data side: which collections a caller sees, their extents, and pages of features as GeoJSON.
import type { Database } from '../db/database.js';
import { canSeeCameraPositions } from '../auth/policy.js';
import { notFound, badInput } from '../errors.js';
import { LAYER_NAMES, LAYERS, type Layer, type LayerName } from '../layers.js';
import { checkBbox, whereClause, type ListFilters } from '../store/layer-query.js';
import { layerExtent } from '../store/extent.js';
import type { Viewer } from '../auth/viewer.js';
import { exportColumns } from '../tables/layer-table.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;

export const TITLES: Record<LayerName, string> = {
  districts: 'Districts (区县)',
  communities: 'Community boundaries (社区)',
  'grid-cells': 'Management grid cells (网格)',
  cameras: 'Surveillance cameras (雪亮工程)',
  'bus-stops': 'Bus stops (公交站)',
  'renovation-sites': 'Old-compound renovation sites (老旧小区改造)',
  roads: 'Roads (道路)',
};

/** The collections a viewer may open: every layer, except cameras for those who may not see camera positions. */
export function visibleLayers(viewer: Viewer): Layer[] {
  return LAYER_NAMES.filter((name) => name !== 'cameras' || canSeeCameraPositions(viewer)).map((name) => LAYERS[name]);
}

export function collectionLayer(viewer: Viewer, id: string): Layer {
  const layer = visibleLayers(viewer).find((l) => l.name === id);
  if (!layer) throw notFound(`There is no collection "${id}" for you. GET /ogc/collections lists the ones there are.`);
  return layer;
}

function where(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

/** The bounding box of what the viewer may read of a layer, or null when it is empty. */
export const extentOf = (db: Pick<Database, 'query'>, layer: Layer, viewer: Viewer): Promise<number[] | null> => layerExtent(db, layer, viewer);

/** What /items takes; OGC API – Features (/req/core/query-param-unknown) answers anything else with a 400, not a silent full page. */
export const ITEMS_PARAMETERS: readonly string[] = ['bbox', 'limit', 'offset'];

export function checkItemsParameters(query: Record<string, unknown>): void {
  const unknown = Object.keys(query).filter((name) => !ITEMS_PARAMETERS.includes(name));
  if (unknown.length === 0) return;
  const named = unknown.map((name) => `"${name}"`).join(', ');
  throw badInput(
    `${named} ${unknown.length === 1 ? 'is not a parameter' : 'are not parameters'} of the items of a collection; ` +
      `they take ${ITEMS_PARAMETERS.join(', ')}. To select by an attribute (a district, a community), use GraphQL at /graphql.`,
  );
}

export function parseLimit(value: unknown): number {
  if (value === undefined || value === '') return DEFAULT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1) throw badInput(`limit must be a whole number of at least 1; got "${value}".`);
  return Math.min(limit, MAX_LIMIT);
}

export function parseOffset(value: unknown): number {
  if (value === undefined || value === '') return 0;
  const offset = Number(value);
  if (!Number.isInteger(offset) || offset < 0) throw badInput(`offset must be a whole number of 0 or more; got "${value}".`);
  return offset;
}

export function parseBbox(value: unknown): [number, number, number, number] | undefined {
  if (value === undefined || value === '') return undefined;
  const numbers = String(value).split(',').map(Number);
  if (numbers.length === 6) return checkBbox([numbers[0], numbers[1], numbers[3], numbers[4]]);
  return checkBbox(numbers);
}

export interface FeaturePage {
  features: object[];
  numberMatched: number;
}

/** One page of features (ordered by code) as GeoJSON objects; `id` is the record's code. */
export async function featurePage(db: Pick<Database, 'query'>, layer: Layer, viewer: Viewer, filters: ListFilters, limit: number, offset: number): Promise<FeaturePage> {
  const columns = exportColumns(layer);
  const values: unknown[] = [];
  const conditions = whereClause(layer, filters, viewer, values);
  const countValues = [...values];
  values.push(limit, offset);
  const [page, count] = await Promise.all([
    db.query(
      `SELECT ${columns.map((c) => `t.${c}`).join(', ')}, ST_AsGeoJSON(t.geom, 7) AS geometry__
       FROM ${layer.table} t ${where(conditions)} ORDER BY t.code LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    ),
    db.query<{ n: number }>(`SELECT count(*)::integer AS n FROM ${layer.table} t ${where(conditions)}`, countValues),
  ]);
  return {
    numberMatched: count.rows[0].n,
    features: page.rows.map(({ geometry__: geometry, ...properties }) => ({ type: 'Feature', id: properties.code, geometry: JSON.parse(geometry as string), properties })),
  };
}
