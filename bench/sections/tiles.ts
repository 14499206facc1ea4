// Vector tiles: uncached and cached over HTTP against raw ST_AsMVT for the same tiles; the JS encoder against the server's.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import express from 'express';
import pg from 'pg';
import { compared, measureOf, notMeasured, NotMeasured, type Figure } from '../lib/figures.js';
import type { BenchContext, Section } from '../lib/context.js';
import { ANALYST } from '../lib/hub.js';
import type { SeededStore } from '../lib/stores.js';
import { median, timeMs } from '../lib/stats.js';
import { readConfig } from '../../server/config.js';

const SECTION = 'Vector tiles';
const LAYERS = ['communities', 'grid-cells', 'bus-stops', 'cameras'] as const;
const ZOOM = 14;

interface Tile {
  z: number;
  x: number;
  y: number;
}

/** A 4 × 4 block of z14 tiles around a point: what a screen at street level shows. */
function tilesAround(lon: number, lat: number): Tile[] {
  const n = 2 ** ZOOM;
  const x = Math.floor(((lon + 180) / 360) * n);
  const latRad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n);
  const tiles: Tile[] = [];
  for (let dx = -2; dx < 2; dx++) for (let dy = -2; dy < 2; dy++) tiles.push({ z: ZOOM, x: x + dx, y: y + dy });
  return tiles;
}

/**
 * The client: node:http over one keep-alive socket, one request at a time. (Until 21 Nov it was `fetch`, whose
 * undici machinery cost about as much per request as a cached tile's whole server side: the figures measured the
 * client. Both the hub and the bare-HTTP floor below go through this same client.)
 */
function httpClient() {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (url: string) =>
    new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      http
        .get(url, { agent }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        })
        .on('error', reject);
    });
  return { get, close: () => agent.destroy() };
}

const tilePath = (layer: string, t: Tile) => `/tiles/${layer}/${t.z}/${t.x}/${t.y}.mvt`;

/** Fetches every layer's tiles one after the other; the bodies by path, to serve them again from a bare server. */
async function fetchAll(base: string, tiles: Tile[], bodies?: Map<string, Buffer>) {
  const client = httpClient();
  try {
    let bytes = 0;
    for (const layer of LAYERS) {
      for (const t of tiles) {
        const { status, body } = await client.get(`${base}${tilePath(layer, t)}`);
        if (status >= 400) throw new Error(`${tilePath(layer, t)} answered ${status}: ${body.toString()}`);
        bytes += body.byteLength;
        bodies?.set(tilePath(layer, t), body);
      }
    }
    return bytes;
  } finally {
    client.close();
  }
}

async function listening(server: http.Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    base: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function tileServer(store: SeededStore, encoder?: 'postgis' | 'js') {
  const { tilesRouter } = await import('../../server/tiles/tiles.router.js');
  const config = { ...readConfig({}), port: 0, demo: false, dataDir: path.resolve('bench/.work/hub-data') };
  const app = express();
  app.use('/tiles', tilesRouter(store.db, config, () => ANALYST, encoder ? { encoder } : {}));
  return listening(http.createServer(app));
}

/** The transport floor: a bare node:http server answering each tile path with the bytes the hub sent for it. */
async function bareServer(bodies: Map<string, Buffer>) {
  return listening(
    http.createServer((request, response) => {
      const body = bodies.get(request.url ?? '');
      if (!body || body.byteLength === 0) {
        response.writeHead(body ? 204 : 404).end();
        return;
      }
      response.writeHead(200, { 'Content-Type': 'application/vnd.mapbox-vector-tile', 'Content-Length': body.byteLength }).end(body);
    }),
  );
}

/**
 * The tile layers' own ST_AsMVT statements (server/tiles/tile-sql.ts), straight through pg: as prepared statements,
 * as the hub sends them (`prepare`), or each parsed and planned again (what the baseline was until 21 Nov).
 */
async function rawMvt(pool: pg.Pool, tiles: Tile[], prepare = true) {
  const { mvtSql } = await import('../../server/tiles/tile-sql.js');
  const { TILE_LAYERS } = await import('../../server/tiles/tile-layers.js');
  const { DEFAULT_RADIUS_M } = await import('../../server/tiles/tile-address.js');
  let bytes = 0;
  for (const name of LAYERS) {
    const layer = TILE_LAYERS[name];
    const options = { radiusM: layer.usesRadius ? DEFAULT_RADIUS_M : 0, defaultCameraRangeM: readConfig({}).defaultCameraRangeM };
    for (const t of tiles) {
      const params = [t.z, t.x, t.y, null, ...layer.extraParams(options)];
      const text = mvtSql(layer.query, params.length + 1);
      const values = [...params, layer.name];
      const { rows } = await pool.query(prepare ? { name: `raw_mvt_${layer.query}`, text, values } : { text, values });
      bytes += rows[0]?.mvt?.length ?? 0;
    }
  }
  return bytes;
}

/**
 * `runs` alternating rounds of: a fresh tile server (empty cache) fetching every tile, that server again (cached),
 * the same bytes from a bare HTTP server (the transport floor), raw SQL.
 */
async function measure(ctx: BenchContext, store: SeededStore, tiles: Tile[], encoder: 'postgis' | 'js' | undefined, pool?: pg.Pool) {
  const uncached: number[] = [];
  const cached: number[] = [];
  const floor: number[] = [];
  const raw: number[] = [];
  const rawUnprepared: number[] = [];
  let hubBytes = 0;
  let rawBytes = 0;
  for (let i = -1; i < ctx.runs; i++) {
    const server = await tileServer(store, encoder);
    const bodies = new Map<string, Buffer>();
    try {
      const cold = await timeMs(() => fetchAll(server.base, tiles, bodies));
      const warm = await timeMs(() => fetchAll(server.base, tiles));
      const bare = await bareServer(bodies);
      const transport = await timeMs(() => fetchAll(bare.base, tiles)).finally(() => bare.close());
      const sql = pool ? await timeMs(() => rawMvt(pool, tiles)) : undefined;
      const unprepared = pool ? await timeMs(() => rawMvt(pool, tiles, false)) : undefined;
      if (i >= 0) {
        uncached.push(cold.ms);
        cached.push(warm.ms);
        floor.push(transport.ms);
        if (sql) raw.push(sql.ms);
        if (unprepared) rawUnprepared.push(unprepared.ms);
      }
      hubBytes = cold.value;
      rawBytes = sql?.value ?? 0;
    } finally {
      await server.close();
    }
  }
  return { uncached, cached, floor, raw, rawUnprepared, hubBytes, rawBytes };
}

export const tiles: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    if (!fs.existsSync(new URL('../../server/tiles/tiles.router.ts', import.meta.url))) throw new NotMeasured('server/tiles does not exist yet');
    const figures: Figure[] = [];
    const where = `${LAYERS.join(', ')}; 16 z${ZOOM} tiles each around the densest district's centre; coverage cache warm, tile cache empty or full`;
    const center = async (store: SeededStore) => {
      const { rows } = await store.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Collect(geom)) AS c FROM communities
         WHERE district_code = (SELECT district_code FROM communities GROUP BY district_code ORDER BY count(*) DESC, district_code LIMIT 1)) x`,
      );
      return tilesAround(rows[0].lon, rows[0].lat);
    };
    let serverUncached: number[] | undefined;
    let tileSet: Tile[] | undefined;
    if (ctx.server?.url) {
      tileSet = await center(ctx.server);
      const pool = new pg.Pool({ connectionString: ctx.server.url, max: 2 });
      try {
        const postgis = await measure(ctx, ctx.server, tileSet, 'postgis', pool);
        serverUncached = postgis.uncached;
        const sameBytes = postgis.hubBytes === postgis.rawBytes ? 'the same bytes as the hub' : `${postgis.rawBytes} bytes against the hub's ${postgis.hubBytes}: NOT the same tiles`;
        figures.push(
          compared(SECTION, 'uncached tiles over HTTP vs raw ST_AsMVT (real PostGIS)', 'ms', measureOf('hub, empty cache', postgis.uncached), measureOf('raw ST_AsMVT through pg (prepared, as the hub)', postgis.raw), { target: '≤ 1.15× raw ST_AsMVT', note: `${where}; raw: the hub's own statements, ${sameBytes}; unprepared (planned each time) ${median(postgis.rawUnprepared).toFixed(0)} ms; HTTP floor of these requests ${median(postgis.floor).toFixed(0)} ms` }),
          compared(SECTION, 'cached vs uncached tiles (real PostGIS)', 'ms', measureOf('hub, cached', postgis.cached), measureOf('hub, empty cache', postgis.uncached), { target: 'cached ≥ 10× faster (ratio ≤ 0.10)', note: where }),
        );
        figures.at(-2)!.met = figures.at(-2)!.ratio! <= 1.15;
        figures.at(-1)!.met = figures.at(-1)!.ratio! <= 0.1;
        figures.push(compared(SECTION, 'cached tiles vs the same bytes from a bare HTTP server (real PostGIS)', 'ms', measureOf('hub, cached', postgis.cached), measureOf('bare node:http, same bytes', postgis.floor), { note: 'the transport floor: the same client and requests against a server that only writes the bytes' }));
        const js = await measure(ctx, ctx.server, tileSet, 'js');
        figures.push(compared(SECTION, 'JS encoder (as embedded) vs ST_AsMVT, same server, uncached', 'ms', measureOf('JS encoder', js.uncached), measureOf('ST_AsMVT', postgis.uncached), { note: 'the encoder the embedded store must use, on the real PostGIS, so only the encoder differs' }));
      } finally {
        await pool.end();
      }
    } else figures.push(notMeasured(SECTION, 'tiles (real PostGIS)', 'no real PostGIS store in this run'));
    if (ctx.embedded) {
      const embeddedTiles = await center(ctx.embedded);
      const embedded = await measure(ctx, ctx.embedded, embeddedTiles, undefined);
      figures.push(compared(SECTION, 'cached vs uncached tiles (embedded)', 'ms', measureOf('hub, cached', embedded.cached), measureOf('hub, empty cache', embedded.uncached), { target: 'cached ≥ 10× faster (ratio ≤ 0.10)', note: where }));
      figures.at(-1)!.met = figures.at(-1)!.ratio! <= 0.1;
      figures.push(compared(SECTION, 'cached tiles vs the same bytes from a bare HTTP server (embedded)', 'ms', measureOf('hub, cached', embedded.cached), measureOf('bare node:http, same bytes', embedded.floor), { note: 'the transport floor: the same client and requests against a server that only writes the bytes' }));
      if (serverUncached) {
        figures.push(compared(SECTION, 'uncached tiles: embedded (JS encoder) vs real PostGIS (ST_AsMVT)', 'ms', measureOf('embedded', embedded.uncached), measureOf('real PostGIS', serverUncached), { note: `${where}; median ${median(embedded.uncached).toFixed(0)} vs ${median(serverUncached).toFixed(0)} ms` }));
      }
    } else figures.push(notMeasured(SECTION, 'tiles (embedded)', 'no embedded store in this run'));
    return figures;
  },
};
