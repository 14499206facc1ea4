// What a public visitor may ask about cameras (shares of areas only), and an official's scope in every analysis and
// every face, with real signed tokens (server/auth/token.ts through test/support/auth.ts): GraphQL, tiles, exports, OGC.
// The truths are the codes this file imports into each district and areas computed from the fixture's own metres.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import * as turf from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { LAYERS, type LayerName } from '../server/layers.js';
import { scopeSql } from '../server/auth/scope.js';
import { verifyToken } from '../server/auth/token.js';
import { TILE_LAYERS, TILE_LAYER_NAMES, type TileLayerName } from '../server/tiles/tile-layers.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, TEST_JWT_SECRET, testViewerResolver } from './support/auth.js';
import { featureCollection, lonLat, pointsCsv, square } from './coverage.fixtures.js';

// Two districts of 2 km × 2 km side by side: 210102 at x 0..2000 m, 210103 at x 2000..4000 m. Each holds what is
// named after it; stops and roads are public facts, so every caller reads both districts' of them.
const IN = {
  '210102': { communities: ['A1', 'A2'], 'grid-cells': ['G-A1', 'G-A2'], cameras: ['K-A'], 'bus-stops': ['S-A'], 'renovation-sites': ['V-A'], roads: ['R-A'] },
  '210103': { communities: ['B1'], 'grid-cells': ['G-B1'], cameras: ['K-B'], 'bus-stops': ['S-B'], 'renovation-sites': ['V-B'], roads: ['R-B'] },
} as const;
const CAMERA_RANGE_M = 50;

async function loadFixtures(db: Parameters<typeof importFile>[0]) {
  await importFile(db, { layer: 'districts', fileName: 'd.geojson', content: featureCollection([
    { properties: { code: '210102', name: '和平区' }, geometry: square(0, 0, 2000) },
    { properties: { code: '210103', name: '沈河区' }, geometry: square(2000, 0, 2000) },
  ]) });
  await importFile(db, { layer: 'communities', fileName: 'c.geojson', content: featureCollection([
    { properties: { code: 'A1', name: '甲一社区', district_code: '210102', households: 1000 }, geometry: square(0, 0, 1000) },
    { properties: { code: 'A2', name: '甲二社区', district_code: '210102', households: 1000 }, geometry: square(1000, 0, 1000) },
    { properties: { code: 'B1', name: '乙一社区', district_code: '210103', households: 2000 }, geometry: square(2000, 0, 1000) },
  ]) });
  await importFile(db, { layer: 'grid-cells', fileName: 'g.geojson', content: featureCollection([
    { properties: { code: 'G-A1', community_code: 'A1', workers: 1 }, geometry: square(0, 0, 1000) },
    { properties: { code: 'G-A2', community_code: 'A2', workers: 0 }, geometry: square(1000, 0, 1000) },
    { properties: { code: 'G-B1', community_code: 'B1', workers: 1 }, geometry: square(2000, 0, 1000) },
  ]) });
  await importFile(db, { layer: 'bus-stops', fileName: 's.csv', content: pointsCsv(['code'], [
    { x: 500, y: 500, values: { code: 'S-A' } },
    { x: 2500, y: 500, values: { code: 'S-B' } },
  ]) });
  await importFile(db, { layer: 'cameras', fileName: 'k.csv', content: pointsCsv(['code', 'range_m', 'fov_deg'], [
    { x: 1500, y: 500, values: { code: 'K-A', range_m: CAMERA_RANGE_M, fov_deg: 360 } },
    { x: 2500, y: 500, values: { code: 'K-B', range_m: CAMERA_RANGE_M, fov_deg: 360 } },
  ]) });
  await importFile(db, { layer: 'roads', fileName: 'r.geojson', content: featureCollection([
    { properties: { code: 'R-A', name: '甲路', kind: 'primary' }, geometry: { type: 'LineString', coordinates: [lonLat(100, 500), lonLat(1900, 500)] } },
    { properties: { code: 'R-B', name: '乙路', kind: 'primary' }, geometry: { type: 'LineString', coordinates: [lonLat(2100, 500), lonLat(3900, 500)] } },
  ]) });
  await importFile(db, { layer: 'renovation-sites', fileName: 'v.geojson', content: featureCollection([
    { properties: { code: 'V-A', program: 'city', plan_year: 2018, status: 'completed' }, geometry: { type: 'Point', coordinates: lonLat(200, 200) } },
    { properties: { code: 'V-B', program: 'city', plan_year: 2018, status: 'planned' }, geometry: { type: 'Point', coordinates: lonLat(2200, 200) } },
  ]) });
}

const PUBLIC = asRole('public');
const ANALYST = asRole('analyst');
const OFFICIAL = asRole('official', '210102');
const sorted = (codes: Iterable<string>) => [...codes].sort();
const every = (layer: keyof (typeof IN)['210102']) => sorted([...IN['210102'][layer], ...IN['210103'][layer]]);
const own = (layer: keyof (typeof IN)['210102']) => sorted(IN['210102'][layer]);
const codesOf = (nodes: { code: string }[]) => sorted(nodes.map((n) => n.code));

/** The tiles of zoom `z` that cover the fixture's 4 km × 2 km, with a tile's margin. */
function tilesOver(z: number) {
  const n = 2 ** z;
  const tx = (lon: number) => Math.floor(((lon + 180) / 360) * n);
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180;
    return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  };
  const [west, south] = lonLat(-100, -100);
  const [east, north] = lonLat(4100, 2100);
  const tiles: { z: number; x: number; y: number }[] = [];
  for (let x = tx(west); x <= tx(east); x++) for (let y = ty(north); y <= ty(south); y++) tiles.push({ z, x, y });
  return tiles;
}

/** The metric square of a district as a Turf polygon (WGS84), for point-in-district checks. */
const districtPolygon = (x0: number) => turf.polygon(square(x0, 0, 2000).coordinates);

describe.each(STORE_KINDS)('what the public may ask about cameras, and an official\'s scope, on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    await loadFixtures(db);
    hub = await startHub(db, testViewerResolver);
  }, 240_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const get = (path: string, headers: Record<string, string>) => fetch(`${hub.url}${path}`, { headers });
  /** Every code (or community_code) drawn in a tile layer over the whole fixture. */
  const tileCodes = async (layer: TileLayerName, headers: Record<string, string>) => {
    const found = new Set<string>();
    for (const at of tilesOver(Math.max(14, TILE_LAYERS[layer].minZoom))) {
      const response = await get(`/tiles/${layer}/${at.z}/${at.x}/${at.y}.mvt`, headers);
      expect(response.status, `${layer} ${at.z}/${at.x}/${at.y}`).toBe(200);
      const body = new Uint8Array(await response.arrayBuffer());
      if (body.byteLength === 0) continue;
      const decoded = new VectorTile(new PbfReader(body)).layers[layer];
      for (let i = 0; i < (decoded?.length ?? 0); i++) {
        const properties = decoded!.feature(i).properties;
        found.add(String(properties.code ?? properties.community_code));
      }
    }
    return sorted(found);
  };
  const geojsonCodes = async (path: string, headers: Record<string, string>) => {
    const response = await get(path, headers);
    expect(response.status, path).toBe(200);
    return sorted(((await response.json()) as { features: { properties: { code: string } }[] }).features.map((f) => f.properties.code));
  };
  const forbiddenSentence = (result: { errors?: { message: string; extensions?: { code?: string } }[] }) => {
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0].message).toMatch(/not public: the public reads the covered share of areas only.*npx atlas token --role analyst/);
  };

  describe('the public reads shares of areas only, in every face', () => {
    it('GraphQL: camera shares of areas, as geometry gives them; no distances, gaps, what-if or suggested cameras', async () => {
      const shares = await hub.gql(`{ community(code: "A2") { cameraCoverage { coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters gaps } }
        cityCoverage(kind: CAMERAS) { coveredAreaM2 nearestMeters gaps }
        coverageRanking(kind: CAMERAS, level: COMMUNITY) { totalCount nodes { code coverage { coveredShare nearestMeters } } } }`, undefined, PUBLIC);
      expect(shares.errors).toBeUndefined();
      const coverage = shares.data.community.cameraCoverage;
      // K-A sees a disc of 50 m inside A2 (1 km²): π·50² m², to the polygonal approximation of the disc.
      const disc = Math.PI * CAMERA_RANGE_M ** 2;
      expect(Math.abs(coverage.coveredAreaM2 / disc - 1)).toBeLessThan(0.01);
      expect(coverage.coveredShare).toBeCloseTo(coverage.coveredAreaM2 / 1e6, 9);
      expect(coverage.nearestMeters).toBeNull();
      expect(coverage.gaps).toBeNull();
      expect(Math.abs(shares.data.cityCoverage.coveredAreaM2 / (2 * disc) - 1)).toBeLessThan(0.01);
      expect(shares.data.cityCoverage.nearestMeters).toBeNull();
      expect(shares.data.cityCoverage.gaps).toBeNull();
      expect(shares.data.coverageRanking.totalCount).toBe(3);
      expect(shares.data.coverageRanking.nodes.every((n: { coverage: { nearestMeters: unknown } }) => n.coverage.nearestMeters === null)).toBe(true);

      const [lon, lat] = lonLat(1500, 500);
      forbiddenSentence(await hub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: CAMERAS, add: $add) { after { coveredShare } } }`, { add: [{ lon, lat, rangeM: 10 }] }, PUBLIC));
      forbiddenSentence(await hub.gql('{ whatIf(kind: CAMERAS) { before { coveredShare } } }', undefined, PUBLIC));
      forbiddenSentence(await hub.gql('{ suggestSites(kind: CAMERAS, count: 3) { suggestions { lon lat } } }', undefined, PUBLIC));
      const cameras = await hub.gql('{ cameras { nodes { code } } }', undefined, PUBLIC);
      expect(cameras.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // Bus stops are public facts: the same questions about them are answered.
      const stops = await hub.gql('{ suggestSites(kind: BUS_STOPS, count: 1) { suggestions { rank } } whatIf(kind: BUS_STOPS) { after { nearestMeters } } }', undefined, PUBLIC);
      expect(stops.errors).toBeUndefined();
      expect(stops.data.suggestSites.suggestions).toHaveLength(1);
      expect(stops.data.whatIf.after.nearestMeters).toBe(0);
    });

    it('GraphQL: an analyst asks the same camera questions and gets answers', async () => {
      const [lon, lat] = lonLat(1000, 2500);
      const result = await hub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: CAMERAS, add: $add) { before { coveredAreaM2 } after { coveredAreaM2 } }
        suggestSites(kind: CAMERAS, count: 2) { suggestions { rank } } }`, { add: [{ lon, lat, rangeM: 30 }] }, ANALYST);
      expect(result.errors).toBeUndefined();
      // The proposed camera stands outside every district (y 2,500 m): nothing changes.
      expect(result.data.whatIf.after.coveredAreaM2).toBeCloseTo(result.data.whatIf.before.coveredAreaM2, 3);
      expect(result.data.suggestSites.suggestions).toHaveLength(2);
    });

    it('tiles: no camera or camera-sector features, and TileJSON does not list them; an analyst gets both', async () => {
      expect(await tileCodes('cameras', PUBLIC)).toEqual([]);
      expect(await tileCodes('camera-sectors', PUBLIC)).toEqual([]);
      expect(await tileCodes('cameras', ANALYST)).toEqual(every('cameras'));
      expect(await tileCodes('camera-sectors', ANALYST)).toEqual(every('cameras'));
      const listed = async (headers: Record<string, string>) =>
        ((await (await get('/tiles/index.json', headers)).json()) as { layers: { name?: string; id?: string; tiles: string[] }[] }).layers.map((l) => l.tiles[0]);
      const publicList = await listed(PUBLIC);
      expect(publicList.some((url) => /\/tiles\/(cameras|camera-sectors)\//.test(url))).toBe(false);
      expect(publicList).toHaveLength(TILE_LAYER_NAMES.length - 2);
      expect(await listed(ANALYST)).toHaveLength(TILE_LAYER_NAMES.length);
    });

    it('exports: camera gaps and the camera layer are 403 with a sentence; bus-stop gaps are open', async () => {
      for (const path of ['/api/export/gaps/cameras.geojson', '/api/export/gaps/cameras.csv?level=districts', '/api/export/cameras.geojson']) {
        const response = await get(path, PUBLIC);
        expect(response.status, path).toBe(403);
        const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
        expect(body.errors[0].extensions.code, path).toBe('FORBIDDEN');
        expect(body.errors[0].message, path).toMatch(/not public/);
      }
      expect(await geojsonCodes('/api/export/gaps/bus-stops.geojson', PUBLIC)).toEqual(every('communities'));
      expect(await geojsonCodes('/api/export/gaps/cameras.geojson', ANALYST)).toEqual(every('communities'));
    });

    it('OGC: no cameras collection for the public, an analyst has it', async () => {
      const ids = async (headers: Record<string, string>) =>
        ((await (await get('/ogc/collections', headers)).json()) as { collections: { id: string }[] }).collections.map((c) => c.id);
      expect(await ids(PUBLIC)).not.toContain('cameras');
      expect(await ids(ANALYST)).toContain('cameras');
      expect((await get('/ogc/collections/cameras/items', PUBLIC)).status).toBe(404);
      expect(await geojsonCodes('/ogc/collections/cameras/items', ANALYST)).toEqual(every('cameras'));
    });
  });

  describe('an official of 210102 reads the areas of 210102 only, in every analysis and face', () => {
    it('the token is a real one: it stands for an official of 210102', () => {
      expect(verifyToken(OFFICIAL.authorization.replace(/^Bearer /, ''), TEST_JWT_SECRET)).toEqual({ role: 'official', districtCode: '210102' });
    });

    it('cityCoverage sums 210102 (4 km²), and coverageRanking ranks its areas only, at every level', async () => {
      const result = await hub.gql(`{ bus: cityCoverage(kind: BUS_STOPS) { areaM2 coveredAreaM2 gaps }
        cam: cityCoverage(kind: CAMERAS) { areaM2 coveredAreaM2 nearestMeters gaps }
        communities: coverageRanking(kind: CAMERAS, level: COMMUNITY) { totalCount nodes { code districtCode } }
        cells: coverageRanking(kind: BUS_STOPS, level: GRID_CELL) { totalCount nodes { code } }
        districts: coverageRanking(kind: BUS_STOPS, level: DISTRICT) { totalCount nodes { code } } }`, undefined, OFFICIAL);
      expect(result.errors).toBeUndefined();
      const d = result.data;
      expect(Math.abs(d.bus.areaM2 / 4e6 - 1)).toBeLessThan(1e-6);
      // S-A's 500 m circle lies inside 210102 whole; S-B's is in 210103.
      expect(Math.abs(d.bus.coveredAreaM2 / (Math.PI * 500 ** 2) - 1)).toBeLessThan(0.01);
      expect(d.bus.gaps).not.toBeNull();
      expect(Math.abs(d.cam.areaM2 / 4e6 - 1)).toBeLessThan(1e-6);
      expect(Math.abs(d.cam.coveredAreaM2 / (Math.PI * CAMERA_RANGE_M ** 2) - 1)).toBeLessThan(0.01);
      // Their own district's cameras: distances and gaps.
      expect(d.cam.nearestMeters).toBe(0);
      expect(d.cam.gaps).not.toBeNull();
      expect(d.communities.totalCount).toBe(2);
      expect(codesOf(d.communities.nodes)).toEqual(own('communities'));
      expect(d.communities.nodes.every((n: { districtCode: string }) => n.districtCode === '210102')).toBe(true);
      expect(codesOf(d.cells.nodes)).toEqual(own('grid-cells'));
      expect(codesOf(d.districts.nodes)).toEqual(['210102']);
      // Asking for the other district gives nothing of it.
      const other = await hub.gql('{ coverageRanking(kind: BUS_STOPS, districtCode: "210103") { totalCount } }', undefined, OFFICIAL);
      expect(other.data?.coverageRanking.totalCount ?? 0).toBe(0);
    });

    it('standardsReport evaluates 210102\'s communities only; renovationProgress lists 210102 only', async () => {
      const result = await hub.gql(`{ standardsReport(ruleIds: ["bus-stop-500m", "camera-public-area"], worst: 10) { rule { id } evaluated worst { communityCode } }
        renovationProgress { districts { districtCode } } }`, undefined, OFFICIAL);
      expect(result.errors).toBeUndefined();
      for (const summary of result.data.standardsReport) {
        expect(summary.evaluated, summary.rule.id).toBe(2);
        expect(summary.worst.every((w: { communityCode: string }) => own('communities').includes(w.communityCode)), summary.rule.id).toBe(true);
      }
      const analyst = await hub.gql('{ standardsReport(ruleIds: ["bus-stop-500m"]) { evaluated } }', undefined, ANALYST);
      expect(analyst.data.standardsReport[0].evaluated).toBe(3);
      expect(result.data.renovationProgress.districts.map((x: { districtCode: string }) => x.districtCode)).toEqual(['210102']);
    });

    it('whatIf over cameras: the communities of 210102 only; a camera of 210103 cannot be removed by code', async () => {
      // A camera proposed on the district line reaches A2 and B1; only A2 is the official's.
      const [lon, lat] = lonLat(2000, 500);
      const added = await hub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: CAMERAS, add: $add) { before { areaM2 } after { coveredAreaM2 } communities { code } } }`,
        { add: [{ lon, lat, rangeM: 40 }] }, OFFICIAL);
      expect(added.errors).toBeUndefined();
      expect(Math.abs(added.data.whatIf.before.areaM2 / 4e6 - 1)).toBeLessThan(1e-6);
      expect(codesOf(added.data.whatIf.communities)).toEqual(['A2']);
      // The half disc inside A2 is new: K-A's disc plus π·40²/2.
      expect(Math.abs(added.data.whatIf.after.coveredAreaM2 / (Math.PI * CAMERA_RANGE_M ** 2 + (Math.PI * 40 ** 2) / 2) - 1)).toBeLessThan(0.01);
      const removeOther = await hub.gql('{ whatIf(kind: CAMERAS, removeCodes: ["K-B"]) { after { coveredAreaM2 } } }', undefined, OFFICIAL);
      expect(removeOther.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(removeOther.errors?.[0].message).toMatch(/removeCodes: there is no camera "K-B" you may read/);
      const removeOwn = await hub.gql('{ whatIf(kind: CAMERAS, removeCodes: ["K-A"]) { after { coveredAreaM2 } } }', undefined, OFFICIAL);
      expect(removeOwn.errors).toBeUndefined();
      expect(removeOwn.data.whatIf.after.coveredAreaM2).toBe(0);
      // Stops are public facts: the official may take out the other district's stop.
      const stop = await hub.gql('{ whatIf(kind: BUS_STOPS, removeCodes: ["S-B"]) { after { coveredAreaM2 } } }', undefined, OFFICIAL);
      expect(stop.errors).toBeUndefined();
    });

    it('suggestSites places every camera and stop inside 210102', async () => {
      const result = await hub.gql(`{ cam: suggestSites(kind: CAMERAS, count: 4) { before { areaM2 } suggestions { lon lat } }
        bus: suggestSites(kind: BUS_STOPS, count: 4) { suggestions { lon lat } } }`, undefined, OFFICIAL);
      expect(result.errors).toBeUndefined();
      expect(Math.abs(result.data.cam.before.areaM2 / 4e6 - 1)).toBeLessThan(1e-6);
      const district = districtPolygon(0);
      for (const s of [...result.data.cam.suggestions, ...result.data.bus.suggestions]) {
        expect(turf.booleanPointInPolygon(turf.point([s.lon, s.lat]), district), `${s.lon} ${s.lat}`).toBe(true);
      }
      expect(result.data.cam.suggestions).toHaveLength(4);
    });

    it('the gaps exports hold 210102\'s areas only, for stops and cameras, at every level', async () => {
      expect(await geojsonCodes('/api/export/gaps/bus-stops.geojson', OFFICIAL)).toEqual(own('communities'));
      expect(await geojsonCodes('/api/export/gaps/cameras.geojson', OFFICIAL)).toEqual(own('communities'));
      expect(await geojsonCodes('/api/export/gaps/cameras.geojson?level=grid-cells', OFFICIAL)).toEqual(own('grid-cells'));
      expect(await geojsonCodes('/api/export/gaps/bus-stops.geojson?level=districts', OFFICIAL)).toEqual(['210102']);
      expect(await geojsonCodes('/api/export/gaps/cameras.geojson?district=210103', OFFICIAL)).toEqual([]);
    });

    it('OGC items and extents of every layer: areas and cameras of 210102, every district, stop and road', async () => {
      const truth: Record<LayerName, string[]> = {
        districts: ['210102', '210103'], communities: own('communities'), 'grid-cells': own('grid-cells'), cameras: own('cameras'),
        'bus-stops': every('bus-stops'), 'renovation-sites': own('renovation-sites'), roads: every('roads'),
      };
      for (const [layer, codes] of Object.entries(truth)) {
        expect(await geojsonCodes(`/ogc/collections/${layer}/items?limit=100`, OFFICIAL), layer).toEqual(codes);
      }
      const extent = async (layer: string, headers: Record<string, string>) =>
        ((await (await get(`/ogc/collections/${layer}`, headers)).json()) as { extent: { spatial: { bbox: number[][] } } }).extent.spatial.bbox[0];
      // 210102's communities are the squares x 0..2000, y 0..1000 m: their extent is that of their corners.
      const corners = [lonLat(0, 0), lonLat(2000, 0), lonLat(2000, 1000), lonLat(0, 1000), lonLat(1000, 0), lonLat(1000, 1000)];
      const expected = [Math.min(...corners.map((c) => c[0])), Math.min(...corners.map((c) => c[1])), Math.max(...corners.map((c) => c[0])), Math.max(...corners.map((c) => c[1]))];
      const communities = await extent('communities', OFFICIAL);
      communities.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
      const cameras = await extent('cameras', OFFICIAL);
      const [kLon, kLat] = lonLat(1500, 500);
      cameras.forEach((v, i) => expect(v).toBeCloseTo(i % 2 === 0 ? kLon : kLat, 6));
      // Public facts: the official's extent of stops is everyone's.
      expect(await extent('bus-stops', OFFICIAL)).toEqual(await extent('bus-stops', ANALYST));
    });

    it('tiles of every layer agree with auth/scope.ts and with what was imported into 210102', async () => {
      const truth: Record<TileLayerName, string[]> = {
        districts: ['210102', '210103'], communities: own('communities'), 'grid-cells': own('grid-cells'), cameras: own('cameras'),
        'bus-stops': every('bus-stops'), 'renovation-sites': own('renovation-sites'), roads: every('roads'),
        'stop-catchments': every('bus-stops'), 'stop-walk-catchments': every('bus-stops'), 'camera-sectors': own('cameras'),
        // Each of 210102's communities has a part farther than 500 m from both stops.
        'coverage-gaps': own('communities'),
      };
      expect(sorted(Object.keys(truth))).toEqual(sorted(TILE_LAYER_NAMES));
      const viewer = { role: 'official' as const, districtCode: '210102' };
      for (const layer of TILE_LAYER_NAMES) {
        const drawn = await tileCodes(layer, OFFICIAL);
        expect(drawn, layer).toEqual(truth[layer]);
        // The rows auth/scope.ts gives the same viewer of the layer the tile draws: for a data layer, the same codes.
        const rowsOf = LAYERS[TILE_LAYERS[layer].rowsOf];
        const { conditions, values } = scopeSql(rowsOf, viewer, 1);
        const { rows } = await db.query<{ code: string }>(`SELECT t.code FROM ${rowsOf.table} t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`, values);
        expect(drawn.every((code) => rows.some((r) => r.code === code)), layer).toBe(true);
        if (layer === rowsOf.name) expect(sorted(rows.map((r) => r.code)), layer).toEqual(drawn);
      }
    });
  });
});
