// The extent of a layer: the WGS84 box of what a caller may read of it, narrowed by the list filters. One statement for
// OGC's collection extents, TileJSON's bounds and the importer's sense of where the city is.
import type { Database } from '../db/database.js';
import type { Layer } from '../layers.js';
import type { Viewer } from '../auth/viewer.js';
import { whereClause, type ListFilters } from './layer-query.js';

export type Box = [number, number, number, number];

/** [minLon, minLat, maxLon, maxLat] of the rows `viewer` may read of `layer` under `filters`, or null when there are none. */
export async function layerExtent(db: Pick<Database, 'query'>, layer: Layer, viewer: Viewer, filters: ListFilters = {}): Promise<Box | null> {
  const values: unknown[] = [];
  const conditions = whereClause(layer, filters, viewer, values);
  const { rows } = await db.query<{ xmin: number | null; ymin: number; xmax: number; ymax: number }>(
    `SELECT ST_XMin(e) AS xmin, ST_YMin(e) AS ymin, ST_XMax(e) AS xmax, ST_YMax(e) AS ymax
     FROM (SELECT ST_Extent(t.geom) AS e FROM ${layer.table} t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}) s`,
    values,
  );
  const r = rows[0];
  return r && r.xmin !== null ? [r.xmin, r.ymin, r.xmax, r.ymax] : null;
}
