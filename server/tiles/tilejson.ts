// TileJSON 3.0 documents, one per layer, so that MapLibre learns the tile URLs, zooms and bounds.
import type { Database } from '../db/database.js';
import { loadQueries } from '../db/queries.js';
import { TILE_LAYERS, TILEJSON_MAX_ZOOM, type TileLayer, type TileLayerName } from './tile-layers.js';
import type { TileScope } from './tile-scope.js';

const sql = loadQueries(new URL('./tilejson.sql', import.meta.url), ['dataBounds'] as const);

const WORLD: [number, number, number, number] = [-180, -85.051129, 180, 85.051129];

export interface TileJson {
  tilejson: '3.0.0';
  name: string;
  description: string;
  scheme: 'xyz';
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  center: [number, number, number];
  vector_layers: { id: string; description: string; minzoom: number; maxzoom: number; fields: Record<string, string> }[];
}

export async function dataBounds(db: Database, scope: TileScope): Promise<[number, number, number, number]> {
  const { rows } = await db.query<{ min_lon: number; min_lat: number; max_lon: number; max_lat: number }>(sql.dataBounds, [scope.districtCode]);
  const row = rows[0];
  return row ? [row.min_lon, row.min_lat, row.max_lon, row.max_lat] : WORLD;
}

/** The TileJSON of one layer; `tilesBase` is the absolute URL of /tiles, `query` (e.g. `?radius=400`) is passed on to the tile URL. */
export function tileJson(name: TileLayerName, tilesBase: string, query: string, bounds: [number, number, number, number]): TileJson {
  const layer: TileLayer = TILE_LAYERS[name];
  return {
    tilejson: '3.0.0',
    name: `Shequ Atlas: ${layer.name}`,
    description: layer.description,
    scheme: 'xyz',
    tiles: [`${tilesBase}/${layer.name}/{z}/{x}/{y}.mvt${query}`],
    minzoom: layer.minZoom,
    maxzoom: TILEJSON_MAX_ZOOM,
    bounds,
    center: [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2, Math.max(layer.minZoom, 11)],
    vector_layers: [{ id: layer.name, description: layer.description, minzoom: layer.minZoom, maxzoom: TILEJSON_MAX_ZOOM, fields: { ...layer.fields } }],
  };
}
