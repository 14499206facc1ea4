// Renders one tile from the store: ST_AsMVT in PostGIS, or PostGIS-clipped features encoded in JS.
import type { Database } from '../db/database.js';
import { encodeTile, type TileFeatureRow } from './encode-tile.js';
import type { TileAddress } from './tile-address.js';
import { TILE_LAYERS, type TileOptions } from './tile-layers.js';
import { TILE_EXTENT, featureRowsSql, mvtSql } from './tile-sql.js';

/** `postgis`: ST_AsMVT (a real server); `js`: @maplibre/vt-pbf over PostGIS-clipped features (the embedded store). */
export type TileEncoder = 'postgis' | 'js';

export interface RenderedTile {
  body: Uint8Array;
  featureCount: number;
}

export const EMPTY_TILE: RenderedTile = { body: new Uint8Array(0), featureCount: 0 };

export function defaultEncoder(db: Database): TileEncoder {
  return db.capabilities.asMvt ? 'postgis' : 'js';
}

export async function renderTile(
  db: Database,
  address: TileAddress,
  districtCode: string | null,
  options: TileOptions,
  encoder: TileEncoder,
): Promise<RenderedTile> {
  const layer = TILE_LAYERS[address.layer];
  const params = [address.z, address.x, address.y, districtCode, ...layer.extraParams(options)];
  if (encoder === 'postgis') {
    const { rows } = await db.query<{ mvt: Buffer | null; n: number }>(mvtSql(layer.query, params.length + 1), [...params, layer.name]);
    const { mvt, n } = rows[0];
    return n > 0 && mvt ? { body: new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength), featureCount: n } : EMPTY_TILE;
  }
  const { rows } = await db.query<TileFeatureRow>(featureRowsSql(layer.query), params);
  return rows.length > 0 ? { body: encodeTile(layer.name, rows, TILE_EXTENT), featureCount: rows.length } : EMPTY_TILE;
}
