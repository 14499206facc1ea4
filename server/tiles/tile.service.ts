// Serves tiles: the caller's scope, the data version (ETag), an in-process LRU cache, and rendering on a miss.
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Viewer } from '../auth/viewer.js';
import { rowScope } from '../auth/scope.js';
import { LAYERS } from '../layers.js';
import type { TileAddress } from './tile-address.js';
import { TILE_LAYERS, type TileOptions } from './tile-layers.js';
import { tileScope, type TileScope } from './tile-scope.js';
import { prepareCoverage } from './tile-coverage.js';
import { dataVersionTag, type LonLatBox } from './tile-versions.js';
import type { TileLayer } from './tile-layers.js';
import { LAYER_NAMES } from '../layers.js';
import { EMPTY_TILE, defaultEncoder, renderTile, type RenderedTile, type TileEncoder } from './render-tile.js';

export interface TileServiceOptions {
  /** Force an encoder (tests and benchmarks compare both on one server); defaults to what the store can do. */
  encoder?: TileEncoder;
  /** Bytes of encoded tiles kept in memory; 64 MB by default. */
  cacheMaxBytes?: number;
}

export interface TileRequest extends TileAddress {
  viewer: Viewer;
  radiusM: number;
}

export interface TileAnswer {
  etag: string;
  scope: TileScope;
  /** Undefined when the caller already holds this version (the ETag matched). */
  tile?: RenderedTile;
}

interface CacheContext {
  address: TileAddress;
  viewer: Viewer;
  scope: TileScope;
  options: TileOptions;
}

/** ETags are a digest of the variant; variants repeat for every tile of a layer, so the most recently used digests are kept. */
const ETAGS_KEPT = 4096;

export class TileService {
  readonly encoder: TileEncoder;
  private readonly cache: LRUCache<string, RenderedTile, CacheContext>;
  private readonly etags = new LRUCache<string, string>({ max: ETAGS_KEPT });

  constructor(
    private readonly db: Database,
    private readonly config: AtlasConfig,
    options: TileServiceOptions = {},
  ) {
    this.encoder = options.encoder ?? defaultEncoder(db);
    this.cache = new LRUCache<string, RenderedTile, CacheContext>({
      maxSize: options.cacheMaxBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (tile) => Math.max(1, tile.body.byteLength),
      // Concurrent requests for one missing tile share one render.
      fetchMethod: (_key, _stale, { context }) => this.render(context),
    });
  }

  /** The tile at `request`, or only its ETag when `ifNoneMatch` already names it. */
  async tile(request: TileRequest, ifNoneMatch?: string): Promise<TileAnswer> {
    const layer = TILE_LAYERS[request.layer];
    const scope = tileScope(request.viewer);
    const options: TileOptions = { radiusM: layer.usesRadius ? request.radiusM : 0, defaultCameraRangeM: this.config.defaultCameraRangeM };
    const version = await dataVersionTag(this.db, layer.dependsOn, Date.now(), reachBox(request, layer, options));
    const variant = `${layer.name}|${version}|${scope.key}|${options.radiusM}|${options.defaultCameraRangeM}|${this.encoder}`;
    const etag = this.etagOf(variant);
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) return { etag, scope };
    const key = `${variant}|${request.z}/${request.x}/${request.y}`;
    // A hit is a lookup; fetch (which shares one render between concurrent misses) only on a miss.
    const hit = this.cache.get(key);
    if (hit) return { etag, scope, tile: hit };
    const address: TileAddress = { layer: request.layer, z: request.z, x: request.x, y: request.y };
    const tile = (await this.cache.fetch(key, { context: { address, viewer: request.viewer, scope, options } })) ?? EMPTY_TILE;
    return { etag, scope, tile };
  }

  private etagOf(variant: string): string {
    let etag = this.etags.get(variant);
    if (etag === undefined) {
      etag = `"${crypto.createHash('sha1').update(variant).digest('base64url').slice(0, 22)}"`;
      this.etags.set(variant, etag);
    }
    return etag;
  }

  private async render({ address, viewer, options }: CacheContext): Promise<RenderedTile> {
    const layer = TILE_LAYERS[address.layer];
    if (address.z < layer.minZoom) return EMPTY_TILE;
    // The one scope rule of every face (auth/scope.ts rowScope): no camera rows for the public; an official's district
    // limits areas and cameras, not stops, districts or roads.
    const rows = rowScope(LAYERS[layer.rowsOf], viewer);
    if (rows.rows === 'none') return EMPTY_TILE;
    const districtCode = rows.rows === 'district' ? rows.districtCode : null;
    await layer.prepare?.(this.db, options);
    // One statement when the tile's coverage is cached and fresh; otherwise compute what is missing and render again.
    const first = await renderTile(this.db, address, districtCode, options, this.encoder);
    if (first.missingCoverage === 0) return first.tile;
    await prepareCoverage(this.db, this.config, viewer, address, districtCode, options);
    return (await renderTile(this.db, address, districtCode, options, this.encoder)).tile;
  }
}

/** How far outside a tile a change can alter what the tile shows, beyond its radius: an area's colour follows sites
 * within reach of the whole area, which reaches out of the tile by its own size (communities are a few km at most). */
const AREA_REACH_M = 5000;

/**
 * The lon/lat box a change must touch to alter this tile: the tile itself, plus, for tiles drawn from coverage or
 * catchments, the reach of the sites and the size of the areas; plus a pixel's worth for simplification.
 */
export function reachBox(address: TileAddress, layer: TileLayer, options: TileOptions): LonLatBox {
  const n = 2 ** address.z;
  const lon = (x: number) => (x / n) * 360 - 180;
  const lat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) * 180) / Math.PI;
  const [west, east, north, south] = [lon(address.x), lon(address.x + 1), lat(address.y), lat(address.y + 1)];
  // Derived layers (catchments, sectors, gaps) and areas coloured by coverage; a data layer drawn as it is has no reach.
  const drawsReach = layer.coverage.length > 0 || !(LAYER_NAMES as readonly string[]).includes(layer.name);
  const marginM = drawsReach ? AREA_REACH_M + options.radiusM + options.defaultCameraRangeM : 0;
  const pixel = (east - west) / 256;
  const dLat = marginM / 110_574 + pixel;
  const dLon = marginM / (111_320 * Math.max(0.01, Math.cos((Math.min(85, Math.max(Math.abs(north), Math.abs(south))) * Math.PI) / 180))) + pixel;
  return [west - dLon, south - dLat, east + dLon, north + dLat];
}
