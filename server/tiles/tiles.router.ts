// HTTP for vector tiles: /tiles/{layer}/{z}/{x}/{y}.mvt, /tiles/{layer}.json and /tiles/index.json, with ETags and cache headers.
import type http from 'node:http';
import express from 'express';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { AtlasError, errorBody, fromDatabaseError, httpStatusOf } from '../errors.js';
import type { Viewer } from '../auth/viewer.js';
import { checkLayer, checkRadius, checkTileAddress } from './tile-address.js';
import { emptyTile } from './encode-tile.js';
import { TILE_LAYERS, TILE_LAYER_NAMES, type TileLayerName } from './tile-layers.js';
import { TILE_EXTENT } from './tile-sql.js';
import { tileScope, visibleTileLayers, type TileScope } from './tile-scope.js';
import { dataBounds, tileJson } from './tilejson.js';
import { TileService, type TileServiceOptions } from './tile.service.js';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

/** Written with node's own calls: tile requests answered before express have none of its response methods. */
function sendError(response: http.ServerResponse, error: unknown): void {
  if (!(error instanceof AtlasError)) console.error('[tiles]', error);
  const atlasError = fromDatabaseError(error);
  const body = JSON.stringify(errorBody(atlasError));
  response.writeHead(httpStatusOf(atlasError), ['Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body))]).end(body);
}

/** `radius` from a tile URL's query as express's query parser gives it: absent, one string, or an array when repeated. */
function radiusOf(url: string): string | string[] | undefined {
  const start = url.indexOf('?');
  if (start < 0) return undefined;
  const values = new URLSearchParams(url.slice(start + 1)).getAll('radius');
  return values.length > 1 ? values : values[0];
}

/** What a tile without features holds: its layer, empty (encode-tile.ts says why not zero bytes). */
const EMPTY_TILES = new Map(TILE_LAYER_NAMES.map((name) => [name, emptyTile(name, TILE_EXTENT)]));
const emptyTileOf = (layer: TileLayerName) => EMPTY_TILES.get(layer)!;

/**
 * Anyone may keep what anonymous visitors see; a signed-in viewer's tiles stay in their own browser.
 * `no-cache` keeps the tile but asks again each time: a 304 costs no query within the data version's trust window
 * (tile-versions.ts), and an import through this hub shows at once.
 */
const cacheControl = (scope: TileScope) => (scope.shareable ? 'public, no-cache' : 'private, no-cache');

const queryOf = (request: express.Request) => {
  const radius = request.query.radius;
  return typeof radius === 'string' && radius !== '' ? `?radius=${encodeURIComponent(radius)}` : '';
};

export type ViewerOf = (request: express.Request) => Promise<Viewer> | Viewer;

/** Node's own request listener, tried before express: true when it has taken the request. */
export type DirectListener = (request: http.IncomingMessage, response: http.ServerResponse) => boolean;

export interface TilesHandler extends express.RequestHandler {
  /**
   * Tile GETs answered before `app` sees them (server/app.ts), on node's own request and response: express's setup of
   * a request (its prototypes swapped in, 36 µs of node CPU here) and its walk through the app's middleware cost more
   * than the rest of a cached tile (node CPU per cached tile, 21 Nov: through the app 239 µs, before it with
   * express's prototypes 176 µs, without them 140 µs, the bare node:http floor 103 µs). `resolveViewer` is the app's
   * own; a request it refuses (a bad token) goes to `app`, whose authentication answers it as on every other route.
   */
  before(app: express.Express, resolveViewer: (request: http.IncomingMessage) => Promise<Viewer> | Viewer): DirectListener;
}

export function tilesRouter(db: Database, config: AtlasConfig, viewerOf: ViewerOf, options: TileServiceOptions = {}): TilesHandler {
  const service = new TileService(db, config, options);
  const router = express.Router();

  router.get('/index.json', async (request, response) => {
    try {
      const viewer = await viewerOf(request);
      const bounds = await dataBounds(db, tileScope(viewer));
      const base = `${request.protocol}://${request.get('host')}${request.baseUrl}`;
      const layers = visibleTileLayers(viewer);
      response.set('Cache-Control', 'no-cache').json({ layers: layers.map((name) => tileJson(name, base, queryOf(request), bounds)) });
    } catch (error) {
      sendError(response, error);
    }
  });

  router.get('/:layer.json', async (request, response) => {
    try {
      const layer = checkLayer(request.params.layer);
      checkRadius(request.query.radius);
      const scope = tileScope(await viewerOf(request));
      const bounds = await dataBounds(db, scope);
      const base = `${request.protocol}://${request.get('host')}${request.baseUrl}`;
      response.set('Cache-Control', 'no-cache').json(tileJson(layer, base, queryOf(request), bounds));
    } catch (error) {
      sendError(response, error);
    }
  });

  /**
   * A tile answer is written with one writeHead of a flat header list: express's `set`/`send` (charset, content-type
   * lookup, body type checks) and node's per-header `setHeader` checks cost more than the rest of a cached tile's path.
   */
  async function serveTile(request: http.IncomingMessage, response: http.ServerResponse, viewer: Viewer | Promise<Viewer>, layer: string, z: string, x: string, y: string) {
    try {
      const address = checkTileAddress(layer, z, x, y);
      const radiusM = checkRadius(radiusOf(request.url ?? ''));
      const answer = await service.tile({ ...address, viewer: await viewer, radiusM }, request.headers['if-none-match']);
      const headers = ['ETag', answer.etag, 'Cache-Control', cacheControl(answer.scope), 'Vary', 'Authorization'];
      if (!answer.tile) {
        response.writeHead(304, headers).end();
      } else {
        const { featureCount } = answer.tile;
        // 200 with an empty tile rather than 204 with nothing: a client that opens the body (GDAL, QGIS) sees the layer.
        const body = featureCount === 0 ? emptyTileOf(address.layer) : answer.tile.body;
        headers.push('Content-Type', MVT_CONTENT_TYPE, 'Content-Length', String(body.byteLength), 'X-Tile-Features', String(featureCount));
        response.writeHead(200, headers).end(body);
      }
    } catch (error) {
      sendError(response, error);
    }
  }

  // Anything the direct match below leaves (HEAD, a percent-encoded name) still gets the same answer from here.
  router.get('/:layer/:z/:x/:y.mvt', (request, response) => {
    const { layer, z, x, y } = request.params;
    return serveTile(request, response, viewerOf(request), layer, z, x, y);
  });

  // Mounted in express, a tile GET is matched here rather than by walking the router's routes and decoding their
  // parameters (node CPU per cached tile through the app 227 → 198 µs, 21 Nov).
  const handler: TilesHandler = (request, response, next) => {
    const tile = request.method === 'GET' ? TILE_PATH.exec(request.url) : null;
    if (tile) void serveTile(request, response, viewerOf(request), tile[1], tile[2], tile[3], tile[4]);
    else router(request, response, next);
  };
  handler.before = (app, resolveViewer) => (incoming, outgoing) => {
    const tile = incoming.method === 'GET' && incoming.url?.startsWith(MOUNT) ? TILE_PATH.exec(incoming.url.slice(MOUNT.length - 1)) : null;
    if (!tile) return false;
    void (async () => {
      let viewer: Viewer;
      try {
        viewer = await resolveViewer(incoming);
      } catch {
        // A token refused: the app's authentication answers (401), as it does on every other route.
        return app(incoming, outgoing);
      }
      await serveTile(incoming, outgoing, viewer, tile[1], tile[2], tile[3], tile[4]);
    })();
    return true;
  };
  return handler;
}

/** Where server/app.ts mounts the tiles (`before` answers there only). */
const MOUNT = '/tiles/';

/** /{layer}/{z}/{x}/{y}.mvt with an optional query, in the plain characters every tile URL the hub gives out uses. */
const TILE_PATH = /^\/([a-z-]+)\/(\d+)\/(\d+)\/(\d+)\.mvt(?:\?|$)/;
