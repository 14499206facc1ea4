// Serves tiles: the caller's scope, the data version (ETag), an in-process LRU cache, and rendering on a miss.
import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import type { Viewer } from '../graphql/viewer.js';
import { scopeDistrictOf } from '../auth/scope.js';
import { LAYERS } from '../layers.js';
import type { TileAddress } from './tile-address.js';
import { TILE_LAYERS, type TileOptions } from './tile-layers.js';
import { tileScope, type TileScope } from './tile-scope.js';
import { prepareCoverage } from './tile-coverage.js';
import { dataVersionTag } from './tile-versions.js';
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

/** ETags are a digest of the variant; variants repeat for every tile of a layer, so their digests are kept. */
const ETAGS_KEPT = 4096;

export class TileService {
  readonly encoder: TileEncoder;
  private readonly cache: LRUCache<string, RenderedTile, CacheContext>;
  private readonly etags = new Map<string, string>();

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
    const version = await dataVersionTag(this.db, layer.dependsOn);
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
      if (this.etags.size >= ETAGS_KEPT) this.etags.clear();
      etag = `"${crypto.createHash('sha1').update(variant).digest('base64url').slice(0, 22)}"`;
      this.etags.set(variant, etag);
    }
    return etag;
  }

  private async render({ address, viewer, scope, options }: CacheContext): Promise<RenderedTile> {
    const layer = TILE_LAYERS[address.layer];
    if (address.z < layer.minZoom) return EMPTY_TILE;
    if (layer.revealsCameraPositions && !scope.seesCameraPositions) return EMPTY_TILE;
    // The one scope rule of every face: an official's district limits areas and cameras, not stops, districts or roads.
    const districtCode = scopeDistrictOf(LAYERS[layer.rowsOf], viewer);
    // One statement when the tile's coverage is cached and fresh; otherwise compute what is missing and render again.
    const first = await renderTile(this.db, address, districtCode, options, this.encoder);
    if (first.missingCoverage === 0) return first.tile;
    await prepareCoverage(this.db, this.config, viewer, address, districtCode, options);
    return (await renderTile(this.db, address, districtCode, options, this.encoder)).tile;
  }
}
