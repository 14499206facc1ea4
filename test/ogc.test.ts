// OGC API – Features at /ogc: landing page, conformance, collections by role, items with bbox, limit and paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';

describe.each(STORE_KINDS)('OGC API – Features over the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    const rows = Array.from({ length: 25 }, (_, i) => `P${String(i).padStart(2, '0')},站${i},${(123.30 + i * 0.01).toFixed(2)},41.80`);
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: `code,name,lon,lat\n${rows.join('\n')}\n` });
    await importFile(db, { layer: 'cameras', fileName: 'cams.csv', content: 'code,lon,lat\nK1,123.31,41.80\n' });
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(path.startsWith('http') ? path : `${hub.url}${path}`, { headers });
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.json() };
  };

  it('has a landing page linking conformance and data, and declares core and GeoJSON', async () => {
    const landing = await get('/ogc');
    expect(landing.body.links.map((l: any) => l.rel)).toEqual(expect.arrayContaining(['self', 'conformance', 'data']));
    const conformance = await get('/ogc/conformance');
    expect(conformance.body.conformsTo).toEqual(expect.arrayContaining([
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
      'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
    ]));
  });

  it('lists collections with extents, and cameras only for those who may see them', async () => {
    const anonymous = await get('/ogc/collections');
    const ids = anonymous.body.collections.map((c: any) => c.id);
    expect(ids).toContain('bus-stops');
    expect(ids).not.toContain('cameras');
    const stops = anonymous.body.collections.find((c: any) => c.id === 'bus-stops');
    expect(stops.extent.spatial.bbox[0].map((n: number) => Number(n.toFixed(2)))).toEqual([123.3, 41.8, 123.54, 41.8]);
    expect((await get('/ogc/collections', asRole('analyst'))).body.collections.map((c: any) => c.id)).toContain('cameras');
    expect((await get('/ogc/collections/cameras/items')).status).toBe(404);
  });

  it('pages items with limit and next links until every feature is seen', async () => {
    const seen: string[] = [];
    let next: string | undefined = '/ogc/collections/bus-stops/items?limit=10';
    let pages = 0;
    while (next) {
      const page = await get(next);
      expect(page.type).toMatch(/application\/geo\+json/);
      expect(page.body.numberMatched).toBe(25);
      seen.push(...page.body.features.map((f: any) => f.id));
      next = page.body.links.find((l: any) => l.rel === 'next')?.href;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `P${String(i).padStart(2, '0')}`));
  });

  it('filters items by bbox', async () => {
    const page = await get('/ogc/collections/bus-stops/items?bbox=123.295,41.79,123.345,41.81');
    expect(page.body.features.map((f: any) => f.id)).toEqual(['P00', 'P01', 'P02', 'P03', 'P04']);
    expect(page.body.features[0].geometry).toEqual({ type: 'Point', coordinates: [123.3, 41.8] });
  });

  it('serves one item, and a clear 404 or 400 otherwise', async () => {
    const item = await get('/ogc/collections/bus-stops/items/P03');
    expect(item.body).toMatchObject({ type: 'Feature', id: 'P03', properties: { name: '站3' } });
    expect((await get('/ogc/collections/bus-stops/items/NOPE')).status).toBe(404);
    const bad = await get('/ogc/collections/bus-stops/items?bbox=1,2,3');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toMatch(/bbox/);
  });

  it('refuses a query parameter it does not know with a 400 naming the ones it takes, instead of every feature', async () => {
    const unknown = await get('/ogc/collections/bus-stops/items?district_code=210102');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].message).toMatch(/"district_code" is not a parameter/);
    for (const known of ['bbox', 'limit', 'offset']) expect(unknown.body.errors[0].message).toContain(known);
    const two = await get('/ogc/collections/bus-stops/items?limit=5&name=站3&kind=x');
    expect(two.status).toBe(400);
    expect(two.body.errors[0].message).toMatch(/"name", "kind" are not parameters/);
    expect((await get('/ogc/collections/bus-stops/items?limit=5&offset=0&bbox=123.295,41.79,123.345,41.81')).status).toBe(200);
  });
});
