// HTTP for vector tiles: /tiles/{layer}/{z}/{x}/{y}.mvt, /tiles/{layer}.json and /tiles/index.json, with ETags and cache headers.
import express from 'express';
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { AtlasError, AtlasErrorCode, fromDatabaseError } from '../errors.js';
import type { Viewer } from '../graphql/viewer.js';
import { checkLayer, checkRadius, checkTileAddress } from './tile-address.js';
import { TILE_LAYERS, TILE_LAYER_NAMES } from './tile-layers.js';
import { tileScope, type TileScope } from './tile-scope.js';
import { dataBounds, tileJson } from './tilejson.js';
import { TileService, type TileServiceOptions } from './tile.service.js';

export const MVT_CONTENT_TYPE = 'application/vnd.mapbox-vector-tile';

const STATUS: Partial<Record<AtlasErrorCode, number>> = {
  [AtlasErrorCode.BadInput]: 400,
  [AtlasErrorCode.NotFound]: 404,
  [AtlasErrorCode.Forbidden]: 403,
  [AtlasErrorCode.Unauthenticated]: 401,
  [AtlasErrorCode.Timeout]: 503,
  [AtlasErrorCode.DatabaseUnavailable]: 503,
};

function sendError(response: express.Response, error: unknown): void {
  if (!(error instanceof AtlasError)) console.error('[tiles]', error);
  const atlasError = fromDatabaseError(error);
  response.status(STATUS[atlasError.code] ?? 500).json({ error: { code: atlasError.code, message: atlasError.message } });
}

/**
 * Anyone may keep what anonymous visitors see; a signed-in viewer's tiles stay in their own browser.
 * `no-cache` keeps the tile but asks again each time: a 304 costs no query within the data version's trust window
 * (tile-versions.ts), and an import through this hub shows at once.
 * Tile answers are written with node's own header calls: express's `set`/`send` (charset, content-type lookup, body
 * type checks) cost more than the rest of a cached tile's path.
 */
function cacheHeaders(response: express.Response, scope: TileScope, etag: string): void {
  response.setHeader('ETag', etag);
  response.setHeader('Cache-Control', scope.shareable ? 'public, no-cache' : 'private, no-cache');
  response.setHeader('Vary', 'Authorization');
}

const queryOf = (request: express.Request) => {
  const radius = request.query.radius;
  return typeof radius === 'string' && radius !== '' ? `?radius=${encodeURIComponent(radius)}` : '';
};

export type ViewerOf = (request: express.Request) => Promise<Viewer> | Viewer;

export function tilesRouter(db: Database, config: AtlasConfig, viewerOf: ViewerOf, options: TileServiceOptions = {}): express.Router {
  const service = new TileService(db, config, options);
  const router = express.Router();

  router.get('/index.json', async (request, response) => {
    try {
      const scope = tileScope(await viewerOf(request));
      const bounds = await dataBounds(db, scope);
      const base = `${request.protocol}://${request.get('host')}${request.baseUrl}`;
      const layers = TILE_LAYER_NAMES.filter((name) => scope.seesCameraPositions || !TILE_LAYERS[name].revealsCameraPositions);
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

  router.get('/:layer/:z/:x/:y.mvt', async (request, response) => {
    try {
      const { layer, z, x, y } = request.params;
      const address = checkTileAddress(layer, z, x, y);
      const radiusM = checkRadius(request.query.radius);
      const viewer = await viewerOf(request);
      const answer = await service.tile({ ...address, viewer, radiusM }, request.get('if-none-match'));
      cacheHeaders(response, answer.scope, answer.etag);
      if (!answer.tile) {
        response.statusCode = 304;
        response.end();
      } else if (answer.tile.featureCount === 0) {
        response.statusCode = 204;
        response.end();
      } else {
        const { body, featureCount } = answer.tile;
        response.statusCode = 200;
        response.setHeader('Content-Type', MVT_CONTENT_TYPE);
        response.setHeader('Content-Length', body.byteLength);
        response.setHeader('X-Tile-Features', featureCount);
        response.end(body);
      }
    } catch (error) {
      sendError(response, error);
    }
  });

  return router;
}
