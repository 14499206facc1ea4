// Vector tiles over both stores: every layer decodes with the right features and properties, both encoders agree,
// ETags follow imports, roles hold, bad addresses are refused.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { importFile } from '../server/ingest/import.service.js';
import { readConfig } from '../server/config.js';
import type { Database } from '../server/db/database.js';
import { AtlasError, AtlasErrorCode } from '../server/errors.js';
import type { Viewer } from '../server/auth/viewer.js';
import { tilesRouter } from '../server/tiles/tiles.router.js';
import type { TileEncoder } from '../server/tiles/render-tile.js';
import { TILE_LAYER_NAMES, type TileLayerName } from '../server/tiles/tile-layers.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';

// ---- The fixture: one z14 tile over Shenyang, two 400 m communities 1 km apart, each in its own district. ----
const Z = 14;
const EXTENT = 4096;
const tileX = Math.floor(((123.42 + 180) / 360) * 2 ** Z);
const mercatorY = (lat: number) => (1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2;
const tileY = Math.floor(mercatorY(41.79) * 2 ** Z);
const west = (tileX / 2 ** Z) * 360 - 180;
const latOfRow = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / 2 ** Z))) * 180) / Math.PI;
const north = latOfRow(tileY);
const south = latOfRow(tileY + 1);
const midLat = (north + south) / 2;
const METRES_PER_DEG_LAT = 110_574;
const metresPerDegLon = 111_320 * Math.cos((midLat * Math.PI) / 180);
/** A point `eastM` metres east of the tile's west edge and `northM` metres north of its middle. */
const at = (eastM: number, northM: number): [number, number] => [west + eastM / metresPerDegLon, midLat + northM / METRES_PER_DEG_LAT];
const square = (cx: number, cy: number, half: number) => [[at(cx - half, cy - half), at(cx + half, cy - half), at(cx + half, cy + half), at(cx - half, cy + half), at(cx - half, cy - half)]];
const feature = (properties: Record<string, unknown>, geometry: unknown) => ({ type: 'Feature', properties, geometry });
const collection = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const A = { x: 455, y: 0 };
const B = { x: 1455, y: 0 };
/** Where a WGS84 point lands in tile coordinates (independent of PostGIS: the Web Mercator formula). */
const tileCoords = ([lon, lat]: [number, number]) => ({
  x: (((lon + 180) / 360) * 2 ** Z - tileX) * EXTENT,
  y: (mercatorY(lat) * 2 ** Z - tileY) * EXTENT,
});

async function loadFixture(db: Database) {
  const load = (layer: Parameters<typeof importFile>[1]['layer'], content: string) => importFile(db, { layer, fileName: `${layer}.geojson`, content });
  await load('districts', collection(
    feature({ code: '210102', name: '和平区' }, { type: 'MultiPolygon', coordinates: [square(450, 0, 450)] }),
    feature({ code: '210103', name: '沈河区' }, { type: 'MultiPolygon', coordinates: [square(1400, 0, 450)] }),
  ));
  await load('communities', collection(
    feature({ code: 'C-A', name: '甲社区', kind: 'urban', households: 2400 }, { type: 'Polygon', coordinates: square(A.x, A.y, 200) }),
    feature({ code: 'C-B', name: '乙社区', kind: 'town', households: 900 }, { type: 'Polygon', coordinates: square(B.x, B.y, 200) }),
  ));
  await load('grid-cells', collection(
    feature({ code: 'G-A1', name: '甲一网格', workers: 1 }, { type: 'Polygon', coordinates: [[at(A.x - 200, -200), at(A.x, -200), at(A.x, 200), at(A.x - 200, 200), at(A.x - 200, -200)]] }),
    feature({ code: 'G-A2', name: '甲二网格', workers: 0 }, { type: 'Polygon', coordinates: [[at(A.x, -200), at(A.x + 200, -200), at(A.x + 200, 200), at(A.x, 200), at(A.x, -200)]] }),
    feature({ code: 'G-B1', name: '乙一网格', workers: 2 }, { type: 'Polygon', coordinates: square(B.x, B.y, 200) }),
  ));
  await load('bus-stops', collection(feature({ code: 'S1', name: '甲站', routes: '1路' }, { type: 'Point', coordinates: at(A.x, A.y) })));
  await load('cameras', collection(
    feature({ code: 'K1', name: '乙摄像机', fov_deg: 360, range_m: 100 }, { type: 'Point', coordinates: at(B.x, B.y) }),
    feature({ code: 'K2', name: '甲东摄像机', direction_deg: 90, fov_deg: 90, range_m: 100 }, { type: 'Point', coordinates: at(A.x, A.y) }),
    feature({ code: 'K3', name: '甲西摄像机', fov_deg: 360 }, { type: 'Point', coordinates: at(A.x - 100, A.y) }),
  ));
  await load('renovation-sites', collection(feature(
    { code: 'R1', name: '甲小区', program: 'city', plan_year: 2019, status: 'completed', roads_level: true, water_flowing: true, lights_working: false },
    { type: 'Polygon', coordinates: square(A.x - 120, 120, 40) },
  )));
  await load('roads', collection(
    feature({ code: 'W1', name: '甲路', kind: 'street' }, { type: 'LineString', coordinates: [at(-100, -300), at(2000, -300)] }),
    // A side street past S1 (a T-junction with W1), so that the stop has a walking catchment.
    feature({ code: 'W2', name: '乙路', kind: 'street' }, { type: 'LineString', coordinates: [at(A.x + 20, -300), at(A.x + 20, 150)] }),
  ));
}

// ---- HTTP helpers ----
const VIEWER_HEADER = 'x-test-viewer';
const ANALYST = { [VIEWER_HEADER]: 'analyst' };
/** Tests say who is asking in a header: "analyst", "official:210102", none for the public; "refused" is a bad token. */
const viewerFromHeader = (request: http.IncomingMessage): Viewer => {
  const value = request.headers[VIEWER_HEADER] as string | undefined;
  if (!value) return { role: 'public' };
  if (value === 'refused') throw new AtlasError(AtlasErrorCode.Unauthenticated, 'The token is not valid.', { http: { status: 401 } });
  const [role, districtCode] = value.split(':');
  return { role: role as Viewer['role'], districtCode };
};

interface TileResponse {
  status: number;
  headers: Headers;
  layer?: VectorTileLayer;
  body: Uint8Array;
}

async function getTile(base: string, layer: string, z: number, x: number, y: number, headers: Record<string, string> = {}, query = ''): Promise<TileResponse> {
  const response = await fetch(`${base}/tiles/${layer}/${z}/${x}/${y}.mvt${query}`, { headers });
  const body = new Uint8Array(await response.arrayBuffer());
  const decoded = response.status === 200 ? new VectorTile(new PbfReader(body)) : undefined;
  return { status: response.status, headers: response.headers, body, layer: decoded?.layers[layer] };
}

/** An empty tile is a 200 holding its layer with no feature, so that GDAL and QGIS can open it (a 204 they cannot). */
function expectEmptyTile(tile: TileResponse, layer: string): void {
  expect(tile.status, layer).toBe(200);
  expect(tile.headers.get('content-type'), layer).toBe('application/vnd.mapbox-vector-tile');
  expect(tile.headers.get('x-tile-features'), layer).toBe('0');
  // The MVT spec's protobuf written out: layers (field 3) holding version 2 (field 15), the name (field 1), extent 4096 (field 5).
  const name = Buffer.from(layer, 'utf8');
  const message = Buffer.concat([Buffer.from([0x78, 2, 0x0a, name.length]), name, Buffer.from([0x28, 0x80, 0x20])]);
  expect(Buffer.from(tile.body).toString('hex'), layer).toBe(Buffer.concat([Buffer.from([0x1a, message.length]), message]).toString('hex'));
}

const fixtureTile = (base: string, layer: TileLayerName, headers?: Record<string, string>, query?: string) => getTile(base, layer, Z, tileX, tileY, headers, query);

function featuresOf(layer: VectorTileLayer | undefined) {
  const features = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) features.push(layer!.feature(i));
  return features;
}
const byKey = (layer: VectorTileLayer | undefined) =>
  new Map(featuresOf(layer).map((f) => [String(f.properties.code ?? f.properties.community_code), f]));

/** A small hub that serves only tiles, with a chosen encoder: the two encoders compared on one server. */
async function tileServer(db: Database, encoder: TileEncoder): Promise<{ url: string; close(): Promise<void> }> {
  const app = express().use('/tiles', tilesRouter(db, { ...readConfig({}), demo: false }, viewerFromHeader, { encoder }));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

type Ring = { x: number; y: number }[];
const segmentDistance = (p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }) => {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
};
/** The farthest any vertex of one geometry lies from the other's outline, both ways (a discrete Hausdorff distance). */
function geometryDistance(one: Ring[], other: Ring[]): number {
  const oneWay = (from: Ring[], to: Ring[]) => {
    let worst = 0;
    for (const point of from.flat()) {
      let best = Infinity;
      for (const ring of to) {
        if (ring.length === 1) best = Math.min(best, Math.hypot(point.x - ring[0].x, point.y - ring[0].y));
        for (let i = 1; i < ring.length; i++) best = Math.min(best, segmentDistance(point, ring[i - 1], ring[i]));
      }
      worst = Math.max(worst, best);
    }
    return worst;
  };
  return Math.max(oneWay(one, other), oneWay(other, one));
}
const closed = (rings: Ring[], type: number) => (type === 3 ? rings.map((ring) => [...ring, ring[0]]) : type === 1 ? rings.flat().map((p) => [p]) : rings);

/** Both tiles hold the same features (by code), with the same properties and geometries within `tolerance` tile units. */
function expectSameTile(one: TileResponse, other: TileResponse, tolerance: number) {
  expect(one.status).toBe(other.status);
  const left = byKey(one.layer);
  const right = byKey(other.layer);
  expect([...left.keys()].sort()).toEqual([...right.keys()].sort());
  for (const [key, feature] of left) {
    const twin = right.get(key)!;
    expect(feature.properties, key).toEqual(twin.properties);
    expect(feature.type, key).toBe(twin.type);
    const distance = geometryDistance(closed(feature.loadGeometry(), feature.type), closed(twin.loadGeometry(), twin.type));
    expect(distance, `${key} geometry`).toBeLessThanOrEqual(tolerance);
  }
}

describe.each(STORE_KINDS)('vector tiles on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const analyst = ANALYST;
  beforeAll(async () => {
    db = await kind.open();
    await loadFixture(db);
    hub = await startHub(db, viewerFromHeader);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('serves every layer of the fixture tile as a decodable tile with its own layer name', async () => {
    for (const name of TILE_LAYER_NAMES) {
      const tile = await fixtureTile(hub.url, name, analyst);
      expect(tile.status, name).toBe(200);
      expect(tile.headers.get('content-type'), name).toBe('application/vnd.mapbox-vector-tile');
      expect(tile.layer?.name, name).toBe(name);
      expect(tile.layer!.length, name).toBeGreaterThan(0);
    }
  });

  it('gives communities the properties the map styles by, with coverage the geometry implies', async () => {
    const communities = byKey((await fixtureTile(hub.url, 'communities', analyst)).layer);
    const a = communities.get('C-A')!.properties;
    const b = communities.get('C-B')!.properties;
    expect(a).toMatchObject({ name: '甲社区', kind: 'urban', households: 2400, district_code: '210102', grid_cells: 2, grid_cells_without_worker: 1, grid_workers_pass: false, renovation_sites: 1, renovation_completed: 1 });
    expect(b).toMatchObject({ name: '乙社区', kind: 'town', households: 900, district_code: '210103', grid_cells: 1, grid_workers_pass: true });
    // The stop stands in A's centre (farthest corner 283 m away); B's nearest edge is 800 m away.
    expect(a.bus_coverage_share).toBe(1);
    expect(b.bus_coverage_share).toBe(0);
    // A: a 90° sector of 100 m plus a 50 m circle (default range); B: a 100 m circle; each community is 400 m square.
    const square = 400 * 400;
    expect(a.camera_coverage_share as number).toBeCloseTo((Math.PI * 100 ** 2) / 4 / square + (Math.PI * 50 ** 2) / square, 2);
    expect(b.camera_coverage_share as number).toBeCloseTo((Math.PI * 100 ** 2) / square, 2);
  });

  it('places points where Web Mercator puts them, and carries grid, site and camera properties', async () => {
    const stop = byKey((await fixtureTile(hub.url, 'bus-stops', analyst)).layer).get('S1')!;
    const [[point]] = stop.loadGeometry();
    const expected = tileCoords(at(A.x, A.y));
    expect(Math.abs(point.x - expected.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(point.y - expected.y)).toBeLessThanOrEqual(1);
    expect(stop.properties).toMatchObject({ name: '甲站', routes: '1路', district_code: '210102', community_code: 'C-A' });

    const grids = byKey((await fixtureTile(hub.url, 'grid-cells', analyst)).layer);
    expect(grids.get('G-A2')!.properties).toMatchObject({ workers: 0, has_worker: false, community_code: 'C-A' });
    const site = byKey((await fixtureTile(hub.url, 'renovation-sites', analyst)).layer).get('R1')!;
    expect(site.properties).toMatchObject({ status: 'completed', program: 'city', plan_year: 2019, checklist_done: 2, checklist_total: 11 });
    const cameras = byKey((await fixtureTile(hub.url, 'cameras', analyst)).layer);
    expect(cameras.get('K2')!.properties).toMatchObject({ direction_deg: 90, fov_deg: 90, range_m: 100 });
    expect(cameras.get('K3')!.properties).toMatchObject({ fov_deg: 360, range_m: 50 });
    expect(cameras.get('K3')!.properties.direction_deg).toBeUndefined();
  });

  it('draws catchments of the asked radius, sectors facing their direction, and the gap of the uncovered community', async () => {
    const catchmentWidth = (tile: TileResponse) => {
      const xs = tile.layer!.feature(0).loadGeometry().flat().map((p) => p.x);
      return Math.max(...xs) - Math.min(...xs);
    };
    // 500 m on the ground is 500 / cos(lat) Web Mercator metres; a z14 tile is 40075016.686 / 2^14 of them.
    const unitsPerGroundMetre = EXTENT / (40075016.686 / 2 ** Z) / Math.cos((midLat * Math.PI) / 180);
    expect(catchmentWidth(await fixtureTile(hub.url, 'stop-catchments', analyst)) / (1000 * unitsPerGroundMetre)).toBeCloseTo(1, 1);
    expect(catchmentWidth(await fixtureTile(hub.url, 'stop-catchments', analyst, '?radius=250')) / (500 * unitsPerGroundMetre)).toBeCloseTo(1, 1);

    const sector = byKey((await fixtureTile(hub.url, 'camera-sectors', analyst)).layer).get('K2')!;
    const apex = tileCoords(at(A.x, A.y));
    const points = sector.loadGeometry().flat();
    // Facing east with a 90° field: every point lies east of the apex, and the farthest is 100 m away.
    expect(Math.min(...points.map((p) => p.x - apex.x))).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...points.map((p) => p.x - apex.x)) / (100 * unitsPerGroundMetre)).toBeCloseTo(1, 1);

    const gaps = byKey((await fixtureTile(hub.url, 'coverage-gaps', analyst)).layer);
    expect([...gaps.keys()]).toEqual(['C-B']);
    expect(gaps.get('C-B')!.properties).toMatchObject({ uncovered_share: 1, radius_m: 500, standard: 'bus-stop-500m' });
  });

  it('hides camera positions from the public and keeps an official to their district', async () => {
    const publicCameras = await fixtureTile(hub.url, 'cameras');
    expectEmptyTile(publicCameras, 'cameras');
    expectEmptyTile(await fixtureTile(hub.url, 'camera-sectors'), 'camera-sectors');
    expect(publicCameras.headers.get('cache-control')).toMatch(/^public/);
    const publicCommunities = byKey((await fixtureTile(hub.url, 'communities')).layer);
    expect([...publicCommunities.keys()].sort()).toEqual(['C-A', 'C-B']);
    expect(publicCommunities.get('C-B')!.properties.camera_coverage_share).toBeGreaterThan(0);

    const official = { [VIEWER_HEADER]: 'official:210103' };
    for (const name of ['communities', 'grid-cells', 'cameras', 'camera-sectors'] as const) {
      const keys = [...byKey((await fixtureTile(hub.url, name, official)).layer).keys()];
      expect(keys.length, name).toBeGreaterThan(0);
      expect(keys.every((k) => ['C-B', 'G-B1', 'K1', '210103'].includes(k)), `${name}: ${keys}`).toBe(true);
    }
    const officialTile = await fixtureTile(hub.url, 'communities', official);
    expect(officialTile.headers.get('cache-control')).toMatch(/^private/);
    expect(officialTile.headers.get('etag')).not.toBe((await fixtureTile(hub.url, 'communities', analyst)).headers.get('etag'));
    // Stops and districts are public facts (README "Who sees what"): the official of 210103 gets 210102's stop S1 too.
    expect([...byKey((await fixtureTile(hub.url, 'bus-stops', official)).layer).keys()]).toEqual(['S1']);
    expect([...byKey((await fixtureTile(hub.url, 'districts', official)).layer).keys()].sort()).toEqual([...byKey((await fixtureTile(hub.url, 'districts')).layer).keys()].sort());
    expectEmptyTile(await fixtureTile(hub.url, 'communities', { [VIEWER_HEADER]: 'official:999999' }), 'communities');
  });

  it('renders a tile whose coverage is cached in one statement, and serves it again from memory without the store', async () => {
    const encoder: TileEncoder = db.capabilities.asMvt ? 'postgis' : 'js';
    // A first server fills coverage_cache for the tile's communities; a second one starts with an empty tile cache.
    const filling = await tileServer(db, encoder);
    const filled = await fixtureTile(filling.url, 'communities', analyst).finally(() => filling.close());
    const fresh = await tileServer(db, encoder);
    try {
      // At most the tile statement and a re-read of the data version (trusted for VERSION_TRUST_MS): no coverage statements.
      let before = db.statementCount;
      const rendered = await fixtureTile(fresh.url, 'communities', analyst);
      expect(db.statementCount - before).toBeLessThanOrEqual(2);
      expect(byKey(rendered.layer).get('C-A')!.properties).toEqual(byKey(filled.layer).get('C-A')!.properties);
      expect(byKey(rendered.layer).get('C-A')!.properties.bus_coverage_share).toBe(1);
      before = db.statementCount;
      const cached = await fixtureTile(fresh.url, 'communities', analyst);
      expect(db.statementCount - before).toBeLessThanOrEqual(1);
      expect(cached.body).toEqual(rendered.body);
      expect(cached.headers.get('content-length')).toBe(String(rendered.body.byteLength));
    } finally {
      await fresh.close();
    }
  });

  it('refuses tiles that do not exist with a message that says the valid range', async () => {
    const tooDeep = await fetch(`${hub.url}/tiles/communities/23/0/0.mvt`);
    expect(tooDeep.status).toBe(400);
    expect((await tooDeep.json()).errors[0].message).toMatch(/0 to 22/);
    const outside = await fetch(`${hub.url}/tiles/communities/3/8/0.mvt`);
    expect(outside.status).toBe(400);
    expect((await outside.json()).errors[0].message).toMatch(/x and y run from 0 to 7/);
    expect((await fetch(`${hub.url}/tiles/communities/3/-1/0.mvt`)).status).toBe(400);
    expect((await fetch(`${hub.url}/tiles/parks/3/1/1.mvt`)).status).toBe(404);
    expect((await fetch(`${hub.url}/tiles/stop-catchments/14/1/1.mvt?radius=-5`)).status).toBe(400);
    // Below a layer's zoom range the tile is empty, not an error.
    expectEmptyTile(await getTile(hub.url, 'cameras', 10, tileX >> 4, tileY >> 4, analyst), 'cameras');
    // A radius given twice is refused, not read as its first value.
    expect((await fetch(`${hub.url}/tiles/stop-catchments/${Z}/${tileX}/${tileY}.mvt?radius=300&radius=400`)).status).toBe(400);
  });

  it('answers a tile URL the direct match leaves to the router (HEAD, a percent-encoded name) as it answers the plain GET', async () => {
    const plain = await fixtureTile(hub.url, 'bus-stops', analyst, '?radius=400&viewer=abc');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(plain.headers.get('x-tile-features')).toBe(String(plain.layer!.length));
    const encoded = await getTile(hub.url, 'bus%2Dstops', Z, tileX, tileY, analyst);
    expect(encoded.status).toBe(200);
    expect(encoded.body).toEqual(plain.body);
    expect(encoded.headers.get('etag')).toBe(plain.headers.get('etag'));
    const head = await fetch(`${hub.url}/tiles/bus-stops/${Z}/${tileX}/${tileY}.mvt`, { method: 'HEAD', headers: analyst });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(plain.body.byteLength));
    expect(head.headers.get('etag')).toBe(plain.headers.get('etag'));
  });

  it('answers a tile asked for with a refused token as every route does: 401 from the app, no tile', async () => {
    const refused = await fixtureTile(hub.url, 'bus-stops', { [VIEWER_HEADER]: 'refused' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(JSON.parse(new TextDecoder().decode(refused.body)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('describes each layer in TileJSON with its tile URL, zooms and the data bounds', async () => {
    const doc = await (await fetch(`${hub.url}/tiles/communities.json?radius=400`)).json();
    expect(doc.tiles).toEqual([`${hub.url}/tiles/communities/{z}/{x}/{y}.mvt?radius=400`]);
    expect(doc).toMatchObject({ tilejson: '3.0.0', minzoom: 8, maxzoom: 16 });
    const [minLon, minLat, maxLon, maxLat] = doc.bounds;
    expect(minLon).toBeCloseTo(at(0, 0)[0], 3);
    expect(maxLon).toBeCloseTo(at(1850, 0)[0], 3);
    expect(minLat).toBeCloseTo(at(0, -450)[1], 3);
    expect(maxLat).toBeCloseTo(at(0, 450)[1], 3);
    expect(doc.vector_layers[0].fields).toHaveProperty('bus_coverage_share');
    const publicIndex = await (await fetch(`${hub.url}/tiles/index.json`)).json();
    expect(publicIndex.layers.map((l: { vector_layers: { id: string }[] }) => l.vector_layers[0].id)).not.toContain('cameras');
    const analystIndex = await (await fetch(`${hub.url}/tiles/index.json`, { headers: analyst })).json();
    expect(analystIndex.layers).toHaveLength(TILE_LAYER_NAMES.length);
  });

  if (kind.name === 'server') {
    it('decodes ST_AsMVT tiles and JS-encoded tiles of the same data to the same features', async () => {
      const postgis = await tileServer(db, 'postgis');
      const js = await tileServer(db, 'js');
      try {
        for (const name of TILE_LAYER_NAMES) {
          expectSameTile(await fixtureTile(postgis.url, name, analyst), await fixtureTile(js.url, name, analyst), 2);
        }
      } finally {
        await postgis.close();
        await js.close();
      }
    });
  }
});

// An import changes the store, so this gets stores of its own.
describe.each(STORE_KINDS)('tile ETags on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadFixture(db);
    hub = await startHub(db, viewerFromHeader);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('answers 304 to a matching If-None-Match, and an import makes the changed tiles new', async () => {
    const before = await fixtureTile(hub.url, 'bus-stops', ANALYST);
    const etag = before.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(before.headers.get('cache-control')).toMatch(/no-cache/);
    expect((await fixtureTile(hub.url, 'bus-stops', { ...ANALYST, 'if-none-match': etag })).status).toBe(304);
    const communitiesBefore = await fixtureTile(hub.url, 'communities', ANALYST);
    const untouched = await fixtureTile(hub.url, 'roads', ANALYST);

    await importFile(db, { layer: 'bus-stops', fileName: 'more-stops.geojson', content: collection(feature({ code: 'S2', name: '乙站' }, { type: 'Point', coordinates: at(B.x, B.y) })) });

    const after = await fixtureTile(hub.url, 'bus-stops', { ...ANALYST, 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect([...byKey(after.layer).keys()].sort()).toEqual(['S1', 'S2']);
    const communitiesAfter = await fixtureTile(hub.url, 'communities', ANALYST);
    expect(communitiesAfter.headers.get('etag')).not.toBe(communitiesBefore.headers.get('etag'));
    expect(byKey(communitiesAfter.layer).get('C-B')!.properties.bus_coverage_share).toBe(1);
    const noGaps = await fixtureTile(hub.url, 'coverage-gaps', ANALYST);
    expectEmptyTile(noGaps, 'coverage-gaps');
    expect((await fixtureTile(hub.url, 'coverage-gaps', { ...ANALYST, 'if-none-match': noGaps.headers.get('etag')! })).status).toBe(304);
    expect((await fixtureTile(hub.url, 'roads', ANALYST)).headers.get('etag')).toBe(untouched.headers.get('etag'));
  });
});

// The embedded store's tiles (JS encoder) against the real server's (ST_AsMVT), over the same fixture.
for (const serverKind of STORE_KINDS.filter((k) => k.name === 'server')) {
  describe('tiles of the embedded store and of the real server', () => {
    const embeddedKind = STORE_KINDS.find((k) => k.name === 'embedded')!;
    let embedded: Awaited<ReturnType<typeof embeddedKind.open>>;
    let server: Awaited<ReturnType<typeof serverKind.open>>;
    beforeAll(async () => {
      [embedded, server] = await Promise.all([embeddedKind.open(), serverKind.open()]);
      await Promise.all([loadFixture(embedded), loadFixture(server)]);
    }, 180_000);
    afterAll(async () => {
      await embedded?.dispose();
      await server?.dispose();
    });

    it('decode to the same features, properties and geometries within two tile units', async () => {
      expect(embedded.capabilities.asMvt).toBe(false);
      const fromEmbedded = await tileServer(embedded, 'js');
      const fromServer = await tileServer(server, 'postgis');
      try {
        for (const name of TILE_LAYER_NAMES) {
          expectSameTile(await fixtureTile(fromEmbedded.url, name, ANALYST), await fixtureTile(fromServer.url, name, ANALYST), 2);
        }
      } finally {
        await fromEmbedded.close();
        await fromServer.close();
      }
    });
  });
}
