// Exports over HTTP honour the caller's role; CSV carries a BOM and Chinese text; xlsx is a real workbook; gaps come out as polygons.
import AdmZip from 'adm-zip';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';

const square = (x: number, y: number, size: number) => [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]];
const fc = (features: object[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe.each(STORE_KINDS)('exports from the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: fc([
      { type: 'Feature', properties: { code: '210102', name: '和平区' }, geometry: { type: 'Polygon', coordinates: square(123.30, 41.70, 0.1) } },
      { type: 'Feature', properties: { code: '210103', name: '沈河区' }, geometry: { type: 'Polygon', coordinates: square(123.40, 41.70, 0.1) } },
    ]) });
    await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: fc([
      { type: 'Feature', properties: { code: 'C1', name: '北市社区', households: 2000 }, geometry: { type: 'Polygon', coordinates: square(123.31, 41.71, 0.01) } },
      { type: 'Feature', properties: { code: 'C2', name: '五里河社区', households: 3000 }, geometry: { type: 'Polygon', coordinates: square(123.41, 41.71, 0.01) } },
    ]) });
    await importFile(db, { layer: 'bus-stops', fileName: 's.csv', content: 'code,name,lon,lat\nS1,北站,123.312,41.712\n' });
    await importFile(db, { layer: 'cameras', fileName: 'cam.csv', content: 'code,lon,lat,direction_deg,fov_deg,range_m\nK1,123.315,41.715,90,60,40\n' });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${hub.url}${path}`, { headers });

  it('exports a layer as GeoJSON with provenance', async () => {
    const response = await get('/api/export/communities.geojson', asRole('analyst'));
    expect(response.headers.get('content-type')).toMatch(/geo\+json/);
    const body = await response.json();
    expect(body.features.map((f: any) => f.properties.code)).toEqual(['C1', 'C2']);
    expect(body.features[0].properties).toMatchObject({ name: '北市社区', district_code: '210102', source: 'c' });
    expect(body.features[0].geometry.type).toBe('MultiPolygon');
  });

  it('exports CSV with a UTF-8 byte-order mark, Chinese names and WKT', async () => {
    const response = await get('/api/export/communities.csv', asRole('analyst'));
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('C1,北市社区');
    expect(text.split('\n')[0]).toMatch(/,lon,lat,wkt$/);
    expect(text).toMatch(/MULTIPOLYGON/);
  });

  it('exports an .xlsx workbook whose sheet holds the Chinese names', async () => {
    const response = await get('/api/export/bus-stops.xlsx', asRole('analyst'));
    expect(response.headers.get('content-disposition')).toContain('bus-stops.xlsx');
    const zip = new AdmZip(Buffer.from(await response.arrayBuffer()));
    const text = zip.getEntries().filter((e) => e.entryName.startsWith('xl/')).map((e) => e.getData().toString('utf8')).join('\n');
    expect(text).toContain('北站');
  });

  it('gives an official only their district, and the public no camera positions', async () => {
    const official = await (await get('/api/export/communities.geojson', asRole('official', '210103'))).json();
    expect(official.features.map((f: any) => f.properties.code)).toEqual(['C2']);
    const refused = await get('/api/export/cameras.geojson');
    expect(refused.status).toBe(403);
    const analyst = await (await get('/api/export/cameras.geojson', asRole('analyst'))).json();
    expect(analyst.features).toHaveLength(1);
  });

  it('exports bus-stop coverage gaps as polygons per community', async () => {
    const response = await get('/api/export/gaps/bus-stops.geojson?radius=500', asRole('analyst'));
    expect(response.status).toBe(200);
    const body = await response.json();
    const byCode = Object.fromEntries(body.features.map((f: any) => [f.properties.code, f]));
    // C2 has no stop within 500 m: all of it is a gap. C1's share is what Turf finds for the stop's circle over the square.
    expect(byCode.C2.properties.covered_share).toBe(0);
    expect(byCode.C2.geometry.type).toMatch(/Polygon/);
    const c1 = turf.polygon(square(123.31, 41.71, 0.01));
    const circle = turf.circle([123.312, 41.712], 500, { units: 'meters', steps: 128 });
    const expected = turf.area(turf.intersect(turf.featureCollection([c1, circle]))!) / turf.area(c1);
    expect(Math.abs(byCode.C1.properties.covered_share - expected)).toBeLessThan(0.02);
    expect(byCode.C1.geometry.type).toMatch(/Polygon/);
  });

  it('says what is wrong with a bad request', async () => {
    const unknown = await get('/api/export/nowhere.csv', asRole('analyst'));
    expect(unknown.status).toBe(404);
    const badFormat = await get('/api/export/communities.shp', asRole('analyst'));
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).errors[0].message).toMatch(/geojson, csv, xlsx/);
  });
});
