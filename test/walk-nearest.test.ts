// The walking model's nearest stop is exact: for a long thin community the nearest walkable stop can lie far from its
// middle, beyond the many stops nearest its point on surface. Fixtures in metres around 123.4°E 41.8°N by a local
// equidistant projection (scale 1 within 1e-7 over a few kilometres).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { importFile } from '../server/ingest/import.service.js';
import { computeAreaCoverage } from '../server/analysis/coverage.service.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import type { AtlasContext } from '../server/request/context.js';
import { requestContextAs } from './support/auth.js';
import { STORE_KINDS } from './support/stores.js';

const toLonLat = proj4('+proj=aeqd +lat_0=41.8 +lon_0=123.4 +datum=WGS84 +units=m +no_defs', 'EPSG:4326');
const lonLat = (x: number, y: number) => toLonLat.forward([x, y]) as [number, number];
const line = (points: [number, number][]) => ({ type: 'LineString', coordinates: points.map(([x, y]) => lonLat(x, y)) });
const rect = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[lonLat(x0, y0), lonLat(x1, y0), lonLat(x1, y1), lonLat(x0, y1), lonLat(x0, y0)]],
});
const collection = (features: { properties: Record<string, unknown>; geometry: unknown }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
const stopsCsv = (stops: { code: string; x: number; y: number }[]) =>
  ['code,lon,lat', ...stops.map((s) => [s.code, ...lonLat(s.x, s.y).map((v) => v.toFixed(10))].join(','))].join('\n');

describe.each(STORE_KINDS)('the nearest walkable stop on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let ctx: AtlasContext;
  beforeAll(async () => {
    db = await kind.open();
    ctx = requestContextAs(db, 'analyst');
    // A riverside community 10 km long and 100 m wide: x in [−5000, 5000], y in [−50, 50].
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: collection([
      { properties: { code: 'RIVERSIDE', name: 'Riverside' }, geometry: rect(-5000, -50, 5000, 50) },
    ]) });
    // A street along y = 400 and a side street x = 5050 that meets it in a T-junction and runs down past the community's end.
    await importFile(db, { layer: 'roads', fileName: 'roads.geojson', content: collection([
      { properties: { code: 'ALONG' }, geometry: line([[-6000, 400], [6000, 400]]) },
      { properties: { code: 'SIDE' }, geometry: line([[5050, -300], [5050, 400]]) },
    ]) });
    // Twenty stops on the street near the middle (350 m from the community), one on the side street 50 m beyond its east
    // end, and one 20 m beyond its west end but 400 m from every road (no walk: off the network).
    const middle = Array.from({ length: 20 }, (_, i) => ({ code: `M${i}`, x: -950 + i * 100, y: 400 }));
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: stopsCsv([
      ...middle, { code: 'EAST-END', x: 5050, y: 0 }, { code: 'OFF-ROAD', x: -5020, y: 0 },
    ]) });
  }, 240_000);
  afterAll(async () => {
    await db?.dispose();
  });

  it('finds the walkable stop beyond the end of a long community, and skips the stop off the network', async () => {
    const straight = await computeAreaCoverage(ctx, 'communities', ['RIVERSIDE'], coverageRequest('bus-stops', 500));
    const walk = await computeAreaCoverage(ctx, 'communities', ['RIVERSIDE'], coverageRequest('bus-stops', 500, 'ROADS'));
    // Straight line: the off-road stop 20 m west of x = −5000. Along the roads: the side street's stop, 5050 − 5000 = 50 m
    // (the 20 stops near the middle are 350 m away). Within 0.1 %, the hub's bound for distances measured in a zone.
    expect(Math.abs(straight.get('RIVERSIDE')!.nearest_m! / 20 - 1)).toBeLessThan(1e-3);
    expect(Math.abs(walk.get('RIVERSIDE')!.nearest_m! / 50 - 1)).toBeLessThan(1e-3);
  });
});
