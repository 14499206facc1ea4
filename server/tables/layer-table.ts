// Reads a layer for export, limited to what the caller may read (the same SQL scope as GraphQL, tiles and OGC).
import type { Database } from '../db/database.js';
import { requireCameraPositions } from '../auth/policy.js';
import { notFound } from '../errors.js';
import { LAYER_NAMES, layerByName, type Layer, type LayerName } from '../layers.js';
import { whereClause, type ListFilters } from '../store/layer-query.js';
import type { Viewer } from '../auth/viewer.js';
import type { CellValue, ExportTable } from './table.js';

/** The columns exported for a layer: its attributes, its links, and where each record came from. */
export function exportColumns(layer: Layer): string[] {
  const links = layer.links.filter((l) => !layer.attributes.some((a) => a.name === l));
  return [...layer.attributes.map((a) => a.name), ...links, 'source', 'import_run_id', 'source_row'];
}

function cell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return JSON.stringify(value);
  return value as CellValue;
}

export async function readLayerForExport(db: Pick<Database, 'query'>, layerName: string, viewer: Viewer, filters: ListFilters = {}): Promise<ExportTable> {
  if (!LAYER_NAMES.includes(layerName as LayerName)) throw notFound(`There is no layer "${layerName}". The layers are: ${LAYER_NAMES.join(', ')}.`);
  const layer = layerByName(layerName);
  // Scoped SQL would return no cameras anyway; saying so is clearer than an empty file.
  if (layer.name === 'cameras') requireCameraPositions(viewer);
  const columns = exportColumns(layer);
  const values: unknown[] = [];
  const conditions = whereClause(layer, filters, viewer, values);
  const { rows } = await db.query(
    `SELECT ${columns.map((c) => `t.${c}`).join(', ')}, ST_AsGeoJSON(t.geom, 7) AS geometry__,
            ST_X(ST_PointOnSurface(t.geom)) AS lon__, ST_Y(ST_PointOnSurface(t.geom)) AS lat__
     FROM ${layer.table} t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY t.code`,
    values,
  );
  return {
    name: layer.name,
    columns,
    rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c, cell(r[c])]))),
    geometries: rows.map((r) => r.geometry__ as string | null),
    points: layer.geometry === 'point',
    labelPoints: rows.map((r) => (r.lon__ == null ? null : [Number(Number(r.lon__).toFixed(7)), Number(Number(r.lat__).toFixed(7))])),
  };
}
