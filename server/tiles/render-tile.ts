// Renders one tile from the store: ST_AsMVT in PostGIS, or PostGIS-clipped features encoded in JS.
import type { Database } from '../db/database.js';
import { areasDistributed } from '../db/distribution.js';
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

/**
 * Tile statements run as prepared statements: their texts are fixed per layer and encoder, and planning one cost about
 * as much as running it (a z14 tile at demo scale: 0.2–0.6 ms of planning for 0.1–0.3 ms of execution).
 */
const statements = new Map<string, { name: string; text: string }>();
function prepared(name: string, text: () => string): { name: string; text: string } {
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = { name, text: text() }));
  return statement;
}

/** A rendered tile, and how many of its communities had no fresh coverage (their coverage properties are absent). */
export interface RenderResult {
  tile: RenderedTile;
  missingCoverage: number;
}

export async function renderTile(
  db: Database,
  address: TileAddress,
  districtCode: string | null,
  options: TileOptions,
  encoder: TileEncoder,
): Promise<RenderResult> {
  const layer = TILE_LAYERS[address.layer];
  const params = [address.z, address.x, address.y, districtCode, ...layer.extraParams(options)];
  const { distributed } = db.capabilities;
  // A statement's name says which text it is: on Citus some differ (server/db/distribution.ts forStore).
  const variant = areasDistributed(distributed) ? '_distributed' : '';
  if (encoder === 'postgis') {
    const statement = prepared(`tile_mvt_${layer.query}${variant}`, () => mvtSql(layer.query, params.length + 1, distributed));
    const { rows } = await db.query<{ mvt: Buffer | null; n: number; missing: number }>(statement.text, [...params, layer.name], statement.name);
    const { mvt, n, missing } = rows[0];
    const tile = n > 0 && mvt ? { body: new Uint8Array(mvt.buffer, mvt.byteOffset, mvt.byteLength), featureCount: n } : EMPTY_TILE;
    return { tile, missingCoverage: missing };
  }
  const statement = prepared(`tile_rows_${layer.query}${variant}`, () => featureRowsSql(layer.query, distributed));
  const { rows } = await db.query<TileFeatureRow & { missing: number }>(statement.text, params, statement.name);
  const features = rows.filter((row) => row.geometry !== null);
  const tile = features.length > 0 ? { body: encodeTile(layer.name, features, TILE_EXTENT), featureCount: features.length } : EMPTY_TILE;
  return { tile, missingCoverage: rows[0]?.missing ?? 0 };
}
