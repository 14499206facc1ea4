// Vector tiles: uncached and cached over HTTP against raw ST_AsMVT for the same tiles; the JS encoder against the server's.
// Two tile sets: the city view the map client opens at (its own view, viewport and per-layer zooms), and a street view.
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
import type { TileLayerName } from '../../server/tiles/tile-layers.js';

const SECTION = 'Vector tiles';
/** The street view's layers: the four the map draws at street level with the most features. */
const STREET_LAYERS = ['communities', 'grid-cells', 'bus-stops', 'cameras'] as const;
const STREET_ZOOM = 14;
/**
 * The map's canvas in the 1440 × 900 window the client's own benchmark (client.ts) opens: the side panel and the
 * header take the rest (read from the page, 21 Nov).
 */
const MAP_CANVAS = { width: 1180, height: 844 };
/** MapLibre draws vector tiles 512 pixels wide: at zoom 11.x it asks for zoom 11 tiles. */
const TILE_PIXELS = 512;

interface TileRequest {
  layer: TileLayerName;
  z: number;
  x: number;
  y: number;
}

interface TileSet {
  /** Row label: which view. */
  name: string;
  /** The note under each row: what was requested. */
  where: string;
  requests: TileRequest[];
  /**
   * Rounds per run: a round of street tiles takes a fifth of a second, so one moment of load from the machine's other
   * work swings its median (uncached ÷ raw 1.51–2.32× in four runs of 9 rounds, 21 Nov); it gets three per run.
   */
  roundsPerRun: number;
}

/** Web-mercator tile coordinates of a point at zoom `z`, fractional. */
function tileXY(lon: number, lat: number, z: number) {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return { x: ((lon + 180) / 360) * n, y: ((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n };
}

/** A 4 × 4 block of z14 tiles around a point for each street layer: a screen at street level. */
function streetView(lon: number, lat: number): TileSet {
  const centre = tileXY(lon, lat, STREET_ZOOM);
  const x = Math.floor(centre.x);
  const y = Math.floor(centre.y);
  const requests: TileRequest[] = [];
  for (const layer of STREET_LAYERS) {
    for (let dx = -2; dx < 2; dx++) for (let dy = -2; dy < 2; dy++) requests.push({ layer, z: STREET_ZOOM, x: x + dx, y: y + dy });
  }
  return { name: `street view (z${STREET_ZOOM})`, where: `${STREET_LAYERS.join(', ')}; 16 z${STREET_ZOOM} tiles each around the densest district's centre`, requests, roundsPerRun: 3 };
}

/**
 * The tiles the map client asks for when it opens: its default view (client/src/map/base-style.ts) on its canvas, for
 * every layer shown by default (layer-groups.ts) whose tiles start at or below that zoom (tile-source.ts). A headless
 * page at that view requested exactly these (40 tiles, 8 for each of 5 layers, 21 Nov; plus one empty
 * communities/0/0/0 that costs no statement).
 */
async function cityView(): Promise<TileSet> {
  const { DEFAULT_VIEW } = await import('../../client/src/map/base-style.js');
  const { DEFAULT_VISIBLE } = await import('../../client/src/map/layer-groups.js');
  const { TILE_MIN_ZOOM } = await import('../../client/src/map/tile-source.js');
  const z = Math.floor(DEFAULT_VIEW.zoom);
  // On screen a zoom-z tile is TILE_PIXELS × 2^(zoom − z) wide; the view covers every tile it overlaps.
  const tileWidth = TILE_PIXELS * 2 ** (DEFAULT_VIEW.zoom - z);
  const centre = tileXY(DEFAULT_VIEW.lon, DEFAULT_VIEW.lat, z);
  const span = (c: number, pixels: number) => [Math.floor(c - pixels / 2 / tileWidth), Math.ceil(c + pixels / 2 / tileWidth) - 1];
  const [x0, x1] = span(centre.x, MAP_CANVAS.width);
  const [y0, y1] = span(centre.y, MAP_CANVAS.height);
  const layers = DEFAULT_VISIBLE.filter((layer) => TILE_MIN_ZOOM[layer] <= z);
  const requests: TileRequest[] = [];
  for (const layer of layers) for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) requests.push({ layer, z, x, y });
  const perLayer = (x1 - x0 + 1) * (y1 - y0 + 1);
  return {
    name: `city view (z${z})`,
    where: `the map client's opening view (${DEFAULT_VIEW.lon}, ${DEFAULT_VIEW.lat}, zoom ${DEFAULT_VIEW.zoom}, a ${MAP_CANVAS.width} × ${MAP_CANVAS.height} map): ${layers.join(', ')}; ${perLayer} z${z} tiles each`,
    requests,
    roundsPerRun: 1,
  };
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

const tilePath = (t: TileRequest) => `/tiles/${t.layer}/${t.z}/${t.x}/${t.y}.mvt`;

/** Fetches the set's tiles one after the other; the bodies by path, to serve them again from a bare server. */
async function fetchAll(base: string, set: TileSet, bodies?: Map<string, Buffer>) {
  const client = httpClient();
  try {
    let bytes = 0;
    for (const t of set.requests) {
      const { status, body } = await client.get(`${base}${tilePath(t)}`);
      if (status >= 400) throw new Error(`${tilePath(t)} answered ${status}: ${body.toString()}`);
      bytes += body.byteLength;
      bodies?.set(tilePath(t), body);
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

/** The whole hub (server/app.ts, reading as an analyst), as a browser reaches it: tiles pass its middleware too. */
async function hubServer(store: SeededStore) {
  const { createApp, listen } = await import('../../server/app.js');
  const atlas = await createApp(store.db, benchConfig(), () => ANALYST);
  const port = await listen(atlas, 0);
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      atlas.httpServer.closeAllConnections();
      await atlas.apollo.stop();
    },
  };
}

const benchConfig = () => ({ ...readConfig({}), port: 0, demo: false, dataDir: path.resolve('bench/.work/hub-data') });

/** The tiles router alone with a chosen encoder: the encoders compared with everything else equal. */
async function routerServer(store: SeededStore, encoder: 'postgis' | 'js') {
  const { tilesRouter } = await import('../../server/tiles/tiles.router.js');
  const app = express();
  app.use('/tiles', tilesRouter(store.db, benchConfig(), () => ANALYST, { encoder }));
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
async function rawMvt(pool: pg.Pool, set: TileSet, prepare = true) {
  const { mvtSql } = await import('../../server/tiles/tile-sql.js');
  const { TILE_LAYERS } = await import('../../server/tiles/tile-layers.js');
  const { DEFAULT_RADIUS_M } = await import('../../server/tiles/tile-address.js');
  const defaultCameraRangeM = readConfig({}).defaultCameraRangeM;
  let bytes = 0;
  for (const t of set.requests) {
    const layer = TILE_LAYERS[t.layer];
    // The hub answers below a layer's zoom range without a statement; the client never asks there.
    if (t.z < layer.minZoom) continue;
    const options = { radiusM: layer.usesRadius ? DEFAULT_RADIUS_M : 0, defaultCameraRangeM };
    const params = [t.z, t.x, t.y, null, ...layer.extraParams(options)];
    const text = mvtSql(layer.query, params.length + 1);
    const values = [...params, layer.name];
    const { rows } = await pool.query(prepare ? { name: `raw_mvt_${layer.query}`, text, values } : { text, values });
    bytes += rows[0]?.mvt?.length ?? 0;
  }
  return bytes;
}

const roundsFor = (ctx: BenchContext, set: TileSet) => ctx.runs * set.roundsPerRun;

/**
 * `runs` rounds (after one untimed) of: a fresh hub (empty tile cache) fetching every tile of the set, that hub again
 * (cached), the same bytes from a bare HTTP server (the transport floor); and raw SQL, before the hub in every other
 * round so that neither always finds the other's pages in PostgreSQL's cache.
 */
async function measure(ctx: BenchContext, store: SeededStore, set: TileSet, pool?: pg.Pool) {
  const rounds = roundsFor(ctx, set);
  const uncached: number[] = [];
  const cached: number[] = [];
  const floor: number[] = [];
  const raw: number[] = [];
  const rawUnprepared: number[] = [];
  let hubBytes = 0;
  let rawBytes = 0;
  const sql = async () => {
    if (!pool) return;
    const prepared = await timeMs(() => rawMvt(pool, set));
    const unprepared = await timeMs(() => rawMvt(pool, set, false));
    rawBytes = prepared.value;
    return { prepared: prepared.ms, unprepared: unprepared.ms };
  };
  for (let i = -1; i < rounds; i++) {
    const sqlFirst = i % 2 === 0 ? await sql() : undefined;
    const server = await hubServer(store);
    const bodies = new Map<string, Buffer>();
    try {
      const cold = await timeMs(() => fetchAll(server.base, set, bodies));
      const warm = await timeMs(() => fetchAll(server.base, set));
      const bare = await bareServer(bodies);
      const transport = await timeMs(() => fetchAll(bare.base, set)).finally(() => bare.close());
      const sqlAfter = sqlFirst ?? (await sql());
      if (i >= 0) {
        uncached.push(cold.ms);
        cached.push(warm.ms);
        floor.push(transport.ms);
        if (sqlAfter) {
          raw.push(sqlAfter.prepared);
          rawUnprepared.push(sqlAfter.unprepared);
        }
      }
      hubBytes = cold.value;
    } finally {
      await server.close();
    }
  }
  return { uncached, cached, floor, raw, rawUnprepared, hubBytes, rawBytes };
}

/** Uncached tiles through the tiles router with each encoder, alternating: only the encoder differs. */
async function encoders(ctx: BenchContext, store: SeededStore, set: TileSet) {
  const times = { postgis: [] as number[], js: [] as number[] };
  for (let i = -1; i < roundsFor(ctx, set); i++) {
    for (const encoder of i % 2 === 0 ? (['js', 'postgis'] as const) : (['postgis', 'js'] as const)) {
      const server = await routerServer(store, encoder);
      try {
        const { ms } = await timeMs(() => fetchAll(server.base, set));
        if (i >= 0) times[encoder].push(ms);
      } finally {
        await server.close();
      }
    }
  }
  return times;
}

const CACHES = 'coverage cache warm, tile cache empty or full';

/** The rows for one tile set on the real PostGIS. */
function serverFigures(set: TileSet, m: Awaited<ReturnType<typeof measure>>): Figure[] {
  const sameBytes = m.hubBytes === m.rawBytes ? 'the same bytes as the hub' : `${m.rawBytes} bytes against the hub's ${m.hubBytes}: NOT the same tiles`;
  const where = `${set.where}; ${CACHES}`;
  const uncached = compared(SECTION, `${set.name}: uncached tiles over HTTP vs raw ST_AsMVT (real PostGIS)`, 'ms', measureOf('hub, empty cache', m.uncached), measureOf('raw ST_AsMVT through pg (prepared, as the hub)', m.raw), {
    target: '≤ 1.15× raw ST_AsMVT',
    note: `${where}; raw: the hub's own statements, ${sameBytes}; unprepared (planned each time) ${median(m.rawUnprepared).toFixed(0)} ms; HTTP floor of these requests ${median(m.floor).toFixed(0)} ms`,
  });
  uncached.met = uncached.ratio! <= 1.15;
  const cached = compared(SECTION, `${set.name}: cached vs uncached tiles (real PostGIS)`, 'ms', measureOf('hub, cached', m.cached), measureOf('hub, empty cache', m.uncached), { target: 'cached ≥ 10× faster (ratio ≤ 0.10)', note: where });
  cached.met = cached.ratio! <= 0.1;
  const floor = compared(SECTION, `${set.name}: cached tiles vs the same bytes from a bare HTTP server (real PostGIS)`, 'ms', measureOf('hub, cached', m.cached), measureOf('bare node:http, same bytes', m.floor), { note: 'the transport floor: the same client and requests against a server that only writes the bytes' });
  return [uncached, cached, floor];
}

export const tiles: Section = {
  name: SECTION,
  async run(ctx: BenchContext): Promise<Figure[]> {
    if (!fs.existsSync(new URL('../../server/tiles/tiles.router.ts', import.meta.url))) throw new NotMeasured('server/tiles does not exist yet');
    const figures: Figure[] = [];
    const streetAround = async (store: SeededStore) => {
      const { rows } = await store.db.query<{ lon: number; lat: number }>(
        `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_Centroid(ST_Collect(geom)) AS c FROM communities
         WHERE district_code = (SELECT district_code FROM communities GROUP BY district_code ORDER BY count(*) DESC, district_code LIMIT 1)) x`,
      );
      return streetView(rows[0].lon, rows[0].lat);
    };
    const city = await cityView();
    const serverUncached = new Map<string, number[]>();
    if (ctx.server?.url) {
      const pool = new pg.Pool({ connectionString: ctx.server.url, max: 2 });
      try {
        const street = await streetAround(ctx.server);
        for (const set of [city, street]) {
          ctx.say(`    ${set.name}: ${set.requests.length} tiles`);
          const m = await measure(ctx, ctx.server, set, pool);
          serverUncached.set(set.name, m.uncached);
          figures.push(...serverFigures(set, m));
        }
        const js = await encoders(ctx, ctx.server, street);
        figures.push(compared(SECTION, `${street.name}: JS encoder (as embedded) vs ST_AsMVT, same server, uncached`, 'ms', measureOf('JS encoder', js.js), measureOf('ST_AsMVT', js.postgis), { note: 'the encoder the embedded store must use, on the real PostGIS, through the tiles router alone, so only the encoder differs' }));
      } finally {
        await pool.end();
      }
    } else figures.push(notMeasured(SECTION, 'tiles (real PostGIS)', 'no real PostGIS store in this run'));
    if (ctx.embedded) {
      for (const set of [city, await streetAround(ctx.embedded)]) {
        const where = `${set.where}; ${CACHES}`;
        const embedded = await measure(ctx, ctx.embedded, set);
        const cached = compared(SECTION, `${set.name}: cached vs uncached tiles (embedded)`, 'ms', measureOf('hub, cached', embedded.cached), measureOf('hub, empty cache', embedded.uncached), { target: 'cached ≥ 10× faster (ratio ≤ 0.10)', note: where });
        cached.met = cached.ratio! <= 0.1;
        figures.push(cached);
        figures.push(compared(SECTION, `${set.name}: cached tiles vs the same bytes from a bare HTTP server (embedded)`, 'ms', measureOf('hub, cached', embedded.cached), measureOf('bare node:http, same bytes', embedded.floor), { note: 'the transport floor: the same client and requests against a server that only writes the bytes' }));
        const server = serverUncached.get(set.name);
        if (server) {
          figures.push(compared(SECTION, `${set.name}: uncached tiles, embedded (JS encoder) vs real PostGIS (ST_AsMVT)`, 'ms', measureOf('embedded', embedded.uncached), measureOf('real PostGIS', server), { note: `${where}; median ${median(embedded.uncached).toFixed(0)} vs ${median(server).toFixed(0)} ms` }));
        }
      }
    } else figures.push(notMeasured(SECTION, 'tiles (embedded)', 'no embedded store in this run'));
    return figures;
  },
};
