// The one scope rule (README "Who sees what"), with real tokens, in every face: GraphQL, tiles, exports and OGC.
// Districts, bus stops and roads are public facts an official reads everywhere; communities, grid cells, renovation
// sites and cameras stay in their district; the renovation plan is apportioned over the whole city, whoever asks.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';
import { featureCollection, lonLat, pointsCsv, polygon, square } from './coverage.fixtures.js';

// 210102 spans x 0..2000 m, 210103 x 2000..4000 m. Community A lies against the line on 210102's side, B on the other.
// Stop S2 stands in 210103, 300 m from A: it is within 500 m of A. S3 is 1,800 m from A. Road R1 lies in 210103 only.
const HOUSEHOLDS = { A: 1000, B: 7000 };
async function loadFixtures(db: Parameters<typeof importFile>[0]) {
  await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: featureCollection([
    { properties: { code: '210102', name: '和平区' }, geometry: square(0, 0, 2000) },
    { properties: { code: '210103', name: '沈河区' }, geometry: square(2000, 0, 2000) },
  ]) });
  await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: featureCollection([
    { properties: { code: 'A', name: '甲社区', district_code: '210102', households: HOUSEHOLDS.A }, geometry: square(1000, 0, 1000) },
    { properties: { code: 'B', name: '乙社区', district_code: '210103', households: HOUSEHOLDS.B }, geometry: square(2000, 0, 1000) },
  ]) });
  await importFile(db, { layer: 'grid-cells', fileName: 'g.geojson', content: featureCollection([
    { properties: { code: 'G-A', community_code: 'A', workers: 1 }, geometry: square(1000, 0, 1000) },
    // G-B leaves a clipping sliver of B uncovered: a triangle of 16 m × 1 m, 8 m².
    { properties: { code: 'G-B', community_code: 'B', workers: 1 }, geometry: polygon([[2000, 0], [3000, 0], [3000, 1000], [2016, 1000], [2000, 999]]) },
  ]) });
  await importFile(db, { layer: 'bus-stops', fileName: 's.csv', content: pointsCsv(['code'], [
    { x: 1500, y: 500, values: { code: 'S1' } },
    { x: 2300, y: 500, values: { code: 'S2' } },
    { x: 3800, y: 1800, values: { code: 'S3' } },
  ]) });
  await importFile(db, { layer: 'cameras', fileName: 'k.csv', content: pointsCsv(['code', 'range_m', 'fov_deg'], [
    { x: 1500, y: 500, values: { code: 'K-A', range_m: 50, fov_deg: 360 } },
    { x: 2500, y: 500, values: { code: 'K-B', range_m: 50, fov_deg: 360 } },
  ]) });
  await importFile(db, { layer: 'roads', fileName: 'r.geojson', content: featureCollection([
    { properties: { code: 'R1', name: '青年大街', kind: 'primary' }, geometry: { type: 'LineString', coordinates: [lonLat(2500, 100), lonLat(3500, 100)] } },
  ]) });
  await importFile(db, { layer: 'renovation-sites', fileName: 'v.geojson', content: featureCollection([
    { properties: { code: 'V-A', program: 'city', plan_year: 2018, status: 'completed' }, geometry: { type: 'Point', coordinates: lonLat(1200, 200) } },
    { properties: { code: 'V-B', program: 'city', plan_year: 2018, status: 'completed' }, geometry: { type: 'Point', coordinates: lonLat(2200, 200) } },
  ]) });
}

/** The z/x/y of the tile holding the point `x`, `y` metres from the fixture origin. */
function tileAt(z: number, x: number, y: number) {
  const [lon, lat] = lonLat(x, y);
  const n = 2 ** z;
  const latRad = (lat * Math.PI) / 180;
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * n) };
}

const OFFICIAL = asRole('official', '210102');
const ANALYST = asRole('analyst');
const sorted = (codes: string[]) => [...codes].sort();

describe.each(STORE_KINDS)('one scope rule on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadFixtures(db);
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const tileCodes = async (layer: string, at: { z: number; x: number; y: number }, headers: Record<string, string>) => {
    const response = await fetch(`${hub.url}/tiles/${layer}/${at.z}/${at.x}/${at.y}.mvt`, { headers });
    const body = new Uint8Array(await response.arrayBuffer());
    if (response.status !== 200 || body.byteLength === 0) return [];
    const decoded = new VectorTile(new PbfReader(body)).layers[layer];
    const codes: string[] = [];
    for (let i = 0; i < (decoded?.length ?? 0); i++) {
      const properties = decoded!.feature(i).properties;
      codes.push(String(properties.code ?? properties.community_code));
    }
    return sorted(codes);
  };
  const exported = async (file: string, headers: Record<string, string>) => {
    const response = await fetch(`${hub.url}/api/export/${file}`, { headers });
    expect(response.status, file).toBe(200);
    return sorted(((await response.json()) as { features: { properties: { code: string } }[] }).features.map((f) => f.properties.code));
  };
  const ogcItems = async (collection: string, headers: Record<string, string>) => {
    const response = await fetch(`${hub.url}/ogc/collections/${collection}/items?limit=100`, { headers });
    expect(response.status, collection).toBe(200);
    return sorted(((await response.json()) as { features: { properties: { code: string } }[] }).features.map((f) => f.properties.code));
  };

  it('GraphQL: an official of 210102 lists the same stops near A as the public and every district; areas and cameras stay in 210102', async () => {
    const query = `{ community(code: "A") { busStops(withinMeters: 500) { code } busStopCoverage { coveredShare } }
      busStops { totalCount } districts { code } communities { nodes { code } } gridCells { nodes { code } } }`;
    const anonymous = await hub.gql(query);
    const official = await hub.gql(query, undefined, OFFICIAL);
    expect(anonymous.errors).toBeUndefined();
    expect(official.errors).toBeUndefined();
    // S1 inside A, S2 300 m across the line; S3 is 1,800 m away.
    expect(sorted(official.data.community.busStops.map((s: { code: string }) => s.code))).toEqual(['S1', 'S2']);
    expect(official.data.community.busStops).toEqual(anonymous.data.community.busStops);
    expect(official.data.community.busStopCoverage.coveredShare).toBeCloseTo(anonymous.data.community.busStopCoverage.coveredShare, 9);
    expect(official.data.busStops.totalCount).toBe(3);
    expect(sorted(official.data.districts.map((d: { code: string }) => d.code))).toEqual(['210102', '210103']);
    expect(official.data.communities.nodes).toEqual([{ code: 'A' }]);
    expect(official.data.gridCells.nodes).toEqual([{ code: 'G-A' }]);
    const cameras = await hub.gql('{ cameras { nodes { code } } community(code: "B") { code } }', undefined, OFFICIAL);
    expect(cameras.data).toEqual({ cameras: { nodes: [{ code: 'K-A' }] }, community: null });
  });

  it('GraphQL: another district\'s camera coverage is a share only for the official; analyses sum their district only', async () => {
    const query = `{ districts { code cameraCoverage { coveredShare nearestMeters gaps } } }`;
    const official = await hub.gql(query, undefined, OFFICIAL);
    const analyst = await hub.gql(query, undefined, ANALYST);
    expect(official.errors).toBeUndefined();
    const byCode = (result: typeof official) => new Map(result.data.districts.map((d: { code: string; cameraCoverage: unknown }) => [d.code, d.cameraCoverage]));
    const own = byCode(official).get('210102') as { gaps: unknown; coveredShare: number };
    const other = byCode(official).get('210103') as { gaps: unknown; nearestMeters: unknown; coveredShare: number };
    expect(own.gaps).not.toBeNull();
    expect(other.gaps).toBeNull();
    expect(other.nearestMeters).toBeNull();
    expect(other.coveredShare).toBeCloseTo((byCode(analyst).get('210103') as { coveredShare: number }).coveredShare, 9);
    const ranking = await hub.gql('{ coverageRanking(kind: BUS_STOPS, level: DISTRICT) { totalCount nodes { code } } }', undefined, OFFICIAL);
    expect(ranking.data.coverageRanking).toEqual({ totalCount: 1, nodes: [{ code: '210102' }] });
  });

  it('tiles: the official gets stops and roads across the line, but not the other district\'s communities or cameras', async () => {
    const nearS2 = tileAt(17, 2300, 500);
    expect(await tileCodes('bus-stops', nearS2, OFFICIAL)).toEqual(['S2']);
    expect(await tileCodes('stop-catchments', nearS2, OFFICIAL)).toContain('S2');
    expect(await tileCodes('roads', tileAt(17, 3000, 100), OFFICIAL)).toEqual(['R1']);
    const insideB = tileAt(17, 2500, 500);
    expect(await tileCodes('communities', insideB, ANALYST)).toEqual(['B']);
    expect(await tileCodes('communities', insideB, OFFICIAL)).toEqual([]);
    expect(await tileCodes('cameras', insideB, ANALYST)).toEqual(['K-B']);
    expect(await tileCodes('cameras', insideB, OFFICIAL)).toEqual([]);
    expect(await tileCodes('districts', insideB, OFFICIAL)).toEqual(['210103']);
  });

  it('exports: the official exports every stop, road and district, and only their district\'s communities and cameras', async () => {
    expect(await exported('bus-stops.geojson', OFFICIAL)).toEqual(['S1', 'S2', 'S3']);
    expect(await exported('roads.geojson', OFFICIAL)).toEqual(['R1']);
    expect(await exported('districts.geojson', OFFICIAL)).toEqual(['210102', '210103']);
    expect(await exported('communities.geojson', OFFICIAL)).toEqual(['A']);
    expect(await exported('cameras.geojson', OFFICIAL)).toEqual(['K-A']);
  });

  it('OGC: the same rows as the other faces, and the stops\' extent is the public one', async () => {
    expect(await ogcItems('bus-stops', OFFICIAL)).toEqual(['S1', 'S2', 'S3']);
    expect(await ogcItems('roads', OFFICIAL)).toEqual(['R1']);
    expect(await ogcItems('districts', OFFICIAL)).toEqual(['210102', '210103']);
    expect(await ogcItems('communities', OFFICIAL)).toEqual(['A']);
    expect(await ogcItems('renovation-sites', OFFICIAL)).toEqual(['V-A']);
    const extent = async (headers: Record<string, string>) =>
      ((await (await fetch(`${hub.url}/ogc/collections/bus-stops`, { headers })).json()) as { extent: { spatial: { bbox: number[][] } } }).extent.spatial.bbox[0];
    expect(await extent(OFFICIAL)).toEqual(await extent({}));
  });

  it('every argument in metres is checked in one place: a negative one is BAD_USER_INPUT with a sentence', async () => {
    const asked = [
      ['{ community(code: "A") { busStops(withinMeters: -1) { code } } }', /^withinMeters must be a distance in metres from 0 to 5000; got -1\.$/],
      ['{ busStops(near: { lon: 123.4, lat: 41.8, withinMeters: -1 }) { totalCount } }', /^near\.withinMeters must be a distance in metres from 0 to 100000; got -1\.$/],
      ['{ community(code: "A") { boundary(simplifyMeters: -5) } }', /^simplifyMeters must be a distance in metres from 0 to 5000; got -5\.$/],
      ['{ community(code: "A") { busStopCoverage(radiusMeters: -1) { coveredShare } } }', /^radiusMeters must be a distance in metres above 0 and at most 5000; got -1\.$/],
    ] as const;
    for (const [query, message] of asked) {
      const result = await hub.gql(query);
      expect(result.errors?.[0].extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message, query).toMatch(message);
    }
    const tile = await fetch(`${hub.url}/tiles/stop-catchments/12/0/0.mvt?radius=-1`);
    expect(tile.status).toBe(400);
    expect(await tile.text()).toMatch(/radius must be a distance in metres from 1 to 5000; got \\?"-1\\?"/);
  });

  it('grid tiling passes a community whose cells leave only a clipping sliver (8 m², tolerance 50 m²)', async () => {
    const result = await hub.gql('{ community(code: "B") { standards(ruleIds: ["grid-tiling"]) { value pass } } }', undefined, ANALYST);
    expect(result.errors).toBeUndefined();
    const [tiling] = result.data.community.standards;
    expect(tiling.value).toBeCloseTo(8, 0);
    expect(tiling.pass).toBe(true);
  });

  it('tells when the data last changed, for the printed report', async () => {
    const started = Date.now();
    const result = await hub.gql('{ dataChangedAt }');
    expect(result.errors).toBeUndefined();
    const changed = Date.parse(result.data.dataChangedAt);
    expect(result.data.dataChangedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    // The fixtures were imported minutes ago at most, and not in the future.
    expect(started - changed).toBeGreaterThanOrEqual(-2000);
    expect(started - changed).toBeLessThan(30 * 60_000);
  });

  it('renovation: the official of 210102 reads the same share and plan for 210102 as an analyst, out of the whole city\'s plan', async () => {
    const query = `{ renovationProgress(program: CITY) { city { year planned completed behind }
      districts { districtCode share years { year planned completed behind } } } }`;
    const official = await hub.gql(query, undefined, OFFICIAL);
    const analyst = await hub.gql(query, undefined, ANALYST);
    expect(official.errors).toBeUndefined();
    const share = HOUSEHOLDS.A / (HOUSEHOLDS.A + HOUSEHOLDS.B);
    // The city plan (011_standards.sql): 120, 120, 74 compounds. 210102's part: 120 × 1/8 = 15, and 74 × 1/8 = 9.25
    // against 210103's 64.75, so the one compound left by the whole parts goes to 210103 (largest remainder): 9.
    const officialDistricts = official.data.renovationProgress.districts;
    expect(officialDistricts).toHaveLength(1);
    const own = officialDistricts[0];
    expect(own.districtCode).toBe('210102');
    expect(own.share).toBeCloseTo(share, 9);
    const byYear = Object.fromEntries(own.years.map((y: { year: number; planned: number }) => [y.year, y.planned]));
    expect(byYear).toEqual({ 2018: 15, 2019: 15, 2020: 9 });
    expect(own.years.find((y: { year: number }) => y.year === 2018)).toMatchObject({ completed: 1, behind: 14 });
    const analystOwn = analyst.data.renovationProgress.districts.find((d: { districtCode: string }) => d.districtCode === '210102');
    expect(own).toEqual(analystOwn);
    // The official's city line is their own part; the analyst's is the whole plan.
    expect(official.data.renovationProgress.city.map((y: { planned: number }) => y.planned)).toEqual([15, 15, 9]);
    expect(analyst.data.renovationProgress.city.map((y: { planned: number }) => y.planned)).toEqual([120, 120, 74]);
  });
});
