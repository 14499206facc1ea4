// TileJSON 3.0 documents, one per layer, so that MapLibre learns the tile URLs, zooms and bounds.
import type { Database } from '../db/database.js';
import { LAYERS } from '../layers.js';
import { WHOLE_STORE } from '../auth/viewer.js';
import { layerExtent } from '../store/extent.js';
import { TILE_LAYERS, TILEJSON_MAX_ZOOM, type TileLayer, type TileLayerName } from './tile-layers.js';
import type { TileScope } from './tile-scope.js';


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

/**
 * Where the data is: the districts' extent (an official's own district), else the communities', else the world. The
 * scope's district narrows it explicitly, not the viewer's list scope.
 */
export async function dataBounds(db: Database, scope: TileScope): Promise<[number, number, number, number]> {
  const district = scope.districtCode ?? undefined;
  return (
    (await layerExtent(db, LAYERS.districts, WHOLE_STORE, { code: district })) ??
    (await layerExtent(db, LAYERS.communities, WHOLE_STORE, { districtCode: district })) ??
    WORLD
  );
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
