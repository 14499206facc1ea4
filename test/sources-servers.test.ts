// Live sources against real servers on loopback: MapServer 8 (WFS 2.0 as GeoJSON and as GML 3.2, OGC API – Features),
// another Shequ Atlas hub's /ogc, with GDAL's ogr2ogr reading the same source as the oracle.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../server/db/database.js';
import { importFile } from '../server/ingest/import.service.js';
import { addSource } from '../server/sources/sources.service.js';
import { syncSource } from '../server/sources/sync.service.js';
import { hasMapserver, startMapServer, type MapServer } from './support/mapserver.js';
import { busStops } from './support/source-server.js';
import { startHub, type TestHub } from './support/hub.js';
import { STORE_KINDS } from './support/stores.js';

const hasGdal = fs.existsSync('/usr/bin/ogr2ogr');
const FEATURES = 120;
const LIMITS = { pageSize: 50 };
const file = () => ({ type: 'FeatureCollection' as const, features: busStops(FEATURES).map(({ id: _id, ...f }) => f) });

async function stopsOf(db: Database, source: string) {
  const { rows } = await db.query<{ code: string; name: string; lon: number; lat: number }>(
    'SELECT code, name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM bus_stops WHERE source = $1 ORDER BY code', [source]);
  return rows;
}

/** The same rows as the file, positions within MapServer's six decimals. */
function expectSameRows(synced: Awaited<ReturnType<typeof stopsOf>>, fromFile: Awaited<ReturnType<typeof stopsOf>>) {
  expect(synced.map((r) => [r.code, r.name])).toEqual(fromFile.map((r) => [r.code, r.name]));
  synced.forEach((r, i) => {
    expect(Math.abs(r.lon - fromFile[i].lon)).toBeLessThan(2e-6);
    expect(Math.abs(r.lat - fromFile[i].lat)).toBeLessThan(2e-6);
  });
}

/** GDAL's reading of a source: code → [lon, lat] (run asynchronously: the servers it reads live in this process). */
async function gdalRead(datasource: string, options: string[] = []): Promise<Map<string, number[]>> {
  const { stdout: out } = await promisify(execFile)('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', datasource, ...options], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  const collection = JSON.parse(out) as GeoJSON.FeatureCollection;
  return new Map(collection.features.map((f) => [String(f.properties!.code), (f.geometry as GeoJSON.Point).coordinates]));
}

function expectAsGdal(synced: Awaited<ReturnType<typeof stopsOf>>, gdal: Map<string, number[]>) {
  expect(gdal.size).toBe(synced.length);
  for (const r of synced) {
    const [lon, lat] = gdal.get(r.code)!;
    expect(Math.abs(r.lon - lon)).toBeLessThan(2e-6);
    expect(Math.abs(r.lat - lat)).toBeLessThan(2e-6);
  }
}

describe.each(STORE_KINDS)('live sources from real servers ($name store)', (kind) => {
  let db: Database & { dispose(): Promise<void> };
  let fromFile: Awaited<ReturnType<typeof stopsOf>>;
  beforeAll(async () => {
    db = await kind.open();
    // The oracle rows: the file imported as a file (then the syncs take the same codes over).
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.geojson', content: JSON.stringify(file()), source: 'file' });
    fromFile = await stopsOf(db, 'file');
    expect(fromFile).toHaveLength(FEATURES);
  });
  afterAll(async () => {
    await db?.dispose();
  });

  describe.skipIf(!hasMapserver)('MapServer 8 (apt-get install cgi-mapserver mapserver-bin)', () => {
    let mapserver: MapServer;
    let gmlOnly: MapServer;
    beforeAll(async () => {
      mapserver = await startMapServer();
      mapserver.write(file());
      gmlOnly = await startMapServer({ geoJson: false });
      gmlOnly.write(file());
    });
    afterAll(async () => {
      await mapserver?.close();
      await gmlOnly?.close();
    });

    it('syncs WFS 2.0 pages (GeoJSON output, sorted by code) to the same rows as the file', async () => {
      const source = await addSource(db, { layer: 'bus-stops', url: mapserver.wfsUrl, kind: 'WFS' });
      const run = await syncSource(db, source.id, { limits: LIMITS });
      // Capabilities, hits, and three pages of 50.
      expect(run).toMatchObject({ status: 'APPLIED', added: FEATURES, pages: 5 });
      expectSameRows(await stopsOf(db, `sync:${source.id}`), fromFile);
      expect((await syncSource(db, source.id, { limits: LIMITS })).status).toBe('UNCHANGED');
    });

    it('syncs WFS 2.0 as GML 3.2 (latitude first in EPSG:4326) to the same rows', async () => {
      const source = await addSource(db, { layer: 'bus-stops', url: gmlOnly.wfsUrl, kind: 'WFS' });
      expect(await syncSource(db, source.id, { limits: LIMITS })).toMatchObject({ status: 'APPLIED', added: FEATURES });
      expectSameRows(await stopsOf(db, `sync:${source.id}`), fromFile);
    });

    it('syncs the OGC API collection (rel=next) to the same rows, and GDAL reads the same count and positions', async () => {
      const source = await addSource(db, { layer: 'bus-stops', url: mapserver.collectionUrl });
      expect(source.kind).toBe('OGCAPI');
      expect(await syncSource(db, source.id, { limits: LIMITS })).toMatchObject({ status: 'APPLIED', added: FEATURES, pages: 3 });
      const synced = await stopsOf(db, `sync:${source.id}`);
      expectSameRows(synced, fromFile);
      if (hasGdal) {
        const landing = mapserver.collectionUrl.replace(/\/collections\/.*$/, '');
        expectAsGdal(synced, await gdalRead(`OAPIF:${landing}`, ['-oo', 'PAGE_SIZE=50', 'stops']));
        expectAsGdal(synced, await gdalRead(`WFS:${mapserver.wfsUrl}`, ['stops']));
      }
    });
  });

  describe('another Shequ Atlas hub', () => {
    let district: Database & { dispose(): Promise<void> };
    let hub: TestHub;
    beforeAll(async () => {
      district = await STORE_KINDS[0].open();
      await importFile(district, { layer: 'bus-stops', fileName: 'stops.geojson', content: JSON.stringify(file()) });
      hub = await startHub(district);
    });
    afterAll(async () => {
      await hub?.close();
      await district?.dispose();
    });

    it('syncs a district hub\'s /ogc bus stops to the same rows, as GDAL reads them', async () => {
      const source = await addSource(db, { layer: 'bus-stops', url: `${hub.url}/ogc/collections/bus-stops` });
      expect(await syncSource(db, source.id, { limits: LIMITS })).toMatchObject({ status: 'APPLIED', added: FEATURES, pages: 3 });
      const synced = await stopsOf(db, `sync:${source.id}`);
      expectSameRows(synced, fromFile);
      if (hasGdal) expectAsGdal(synced, await gdalRead(`OAPIF:${hub.url}/ogc`, ['-oo', 'PAGE_SIZE=50', 'bus-stops']));
    });
  });
});
