// What GDAL (ogrinfo, from gdal-bin) opens of what the hub serves: an empty vector tile and the OGC API items.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { testViewerResolver } from './support/auth.js';

const OGRINFO = '/usr/bin/ogrinfo';
const hasOgrinfo = fs.existsSync(OGRINFO);

/** ogrinfo's output; asynchronous, since the hub it asks answers from this very process. */
async function ogrinfo(args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(OGRINFO, args, { encoding: 'utf8', timeout: 60_000 });
  return stdout;
}

/** The tile at zoom z holding lon/lat (the slippy-map formula). */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return [Math.floor(((lon + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n)];
}

describe.each(STORE_KINDS)('GDAL against the hub on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-gdal-'));
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: 'code,name,lon,lat\nS1,和平站,123.40,41.80\nS2,北站,123.43,41.82\n' });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(!hasOgrinfo)('ogrinfo opens an empty vector tile the hub served, and finds its layer (skipped without /usr/bin/ogrinfo)', async () => {
    const [x, y] = tileAt(100, 30, 14);
    const response = await fetch(`${hub.url}/tiles/bus-stops/14/${x}/${y}.mvt`);
    expect(response.status).toBe(200);
    expect(response.headers.get('x-tile-features')).toBe('0');
    const file = path.join(folder, 'empty.mvt');
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const info = await ogrinfo(['-ro', '-al', file]);
    expect(info).toMatch(/using driver `MVT' successful/);
    expect(info).toMatch(/Layer name: bus-stops/);
    expect(info).toMatch(/Feature Count: 0/);
  });

  it.skipIf(!hasOgrinfo)('ogrinfo reads a tile with features and the OGC API items, feature for feature (skipped without /usr/bin/ogrinfo)', async () => {
    const [x, y] = tileAt(123.40, 41.80, 14);
    const file = path.join(folder, 'stops.mvt');
    fs.writeFileSync(file, Buffer.from(await (await fetch(`${hub.url}/tiles/bus-stops/14/${x}/${y}.mvt`)).arrayBuffer()));
    expect(await ogrinfo(['-ro', '-al', file])).toMatch(/code \(String\) = S1/);
    const items = await ogrinfo(['-ro', '-al', '-q', `OAPIF:${hub.url}/ogc`, 'bus-stops']);
    expect(items.match(/^OGRFeature\(bus-stops\)/gm)).toHaveLength(2);
    expect(items).toMatch(/name \(String\) = 和平站/);
  });
});
