// Coverage truths on both stores: shapes in exact metres whose covered areas are known from geometry alone, and Turf.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { computeAreaCoverage } from '../server/analysis/coverage.service.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { createContext } from '../server/request/context.js';
import { readConfig } from '../server/config.js';
import { verifyToken } from '../server/auth/token.js';
import type { Database } from '../server/db/database.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, TEST_JWT_SECRET, testViewerResolver } from './support/auth.js';
import { mostStatementsInFlight } from './support/in-flight.js';
import { featureCollection, lonLat, pointsCsv, polygon, random, square } from './coverage.fixtures.js';

const R = 500;
const CIRCLE = Math.PI * R * R;
const KM2 = 1_000_000;
// Two circles of radius r whose centres are d apart overlap in a lens of 2r²·acos(d/2r) − (d/2)·√(4r² − d²).
const lens = (r: number, d: number) => 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
// The part of a circle of radius r beyond a chord at distance h from its centre.
const cap = (r: number, h: number) => r * r * Math.acos(h / r) - h * Math.sqrt(r * r - h * h);

// Each fixture stands in its own 10 km slot along the x axis, so no stop or camera reaches another's square.
const slot = (i: number) => i * 10_000;

function randomFixtures() {
  const next = random(20240601);
  const communities: { code: string; geometry: Polygon }[] = [];
  const stops: { x: number; y: number }[] = [];
  for (let k = 0; k < 5; k++) {
    const cx = slot(7 + k) + 1500;
    const cy = 1500;
    const angles = Array.from({ length: 9 }, () => next() * 2 * Math.PI).sort((a, b) => a - b);
    const ring = angles.map((a): [number, number] => {
      const r = 500 + next() * 700;
      return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
    });
    communities.push({ code: `RANDOM${k}`, geometry: polygon(ring) });
    for (let s = 0; s < 4 + k; s++) stops.push({ x: cx + (next() - 0.5) * 3000, y: cy + (next() - 0.5) * 3000 });
  }
  return { communities, stops };
}

function fixtures() {
  const random = randomFixtures();
  const communities = featureCollection([
    { properties: { code: 'CENTRE', name: '中心站社区' }, geometry: square(slot(0), 0, 1000) },
    { properties: { code: 'CORNER', name: '角站社区' }, geometry: square(slot(1), 0, 1000) },
    { properties: { code: 'OUTSIDE', name: '站外社区' }, geometry: square(slot(2), 0, 1000) },
    { properties: { code: 'OVERLAP', name: '重叠社区' }, geometry: square(slot(3), 0, 3000) },
    { properties: { code: 'SECTOR', name: '扇形社区' }, geometry: square(slot(4), 0, 1000) },
    { properties: { code: 'ROUND', name: '全向社区' }, geometry: square(slot(5), 0, 1000) },
    { properties: { code: 'DEFAULTS', name: '缺省社区' }, geometry: square(slot(6), 0, 1000) },
    ...random.communities.map((c) => ({ properties: { code: c.code, name: c.code }, geometry: c.geometry })),
  ]);
  // The centre community is split into four 500 m grid cells, each with the centre stop at one corner.
  const cells = featureCollection(
    [[0, 0], [500, 0], [0, 500], [500, 500]].map(([x, y], i) => ({ properties: { code: `CENTRE-${i}`, community_code: 'CENTRE', workers: 1 }, geometry: square(x, y, 500) })),
  );
  // One district around the first four slots: x from −1 km to 34 km, y from −1 km to 4 km.
  const districts = featureCollection([
    { properties: { code: '210102', name: '和平区' }, geometry: polygon([[-1000, -1000], [34_000, -1000], [34_000, 4000], [-1000, 4000]]) },
  ]);
  const stops = pointsCsv(['code', 'name'], [
    { x: slot(0) + 500, y: 500, values: { code: 'S-CENTRE', name: '中心' } },
    { x: slot(1), y: 0, values: { code: 'S-CORNER', name: '角' } },
    { x: slot(2) + 500, y: -600, values: { code: 'S-OUTSIDE', name: '外' } },
    { x: slot(3) + 1400, y: 1500, values: { code: 'S-LEFT', name: '左' } },
    { x: slot(3) + 1600, y: 1500, values: { code: 'S-RIGHT', name: '右' } },
    { x: slot(3) + 1400, y: 1500, values: { code: 'S-TWIN', name: '同位' } },
    ...random.stops.map((s, i) => ({ ...s, values: { code: `S-RANDOM${i}`, name: `随机${i}` } })),
  ]);
  const cameras = pointsCsv(['code', 'direction_deg', 'fov_deg', 'range_m'], [
    // West edge, looking east (into the square): a quarter disc inside. East edge, looking west: all outside.
    { x: slot(4), y: 500, values: { code: 'K-EAST', direction_deg: 90, fov_deg: 90, range_m: 100 } },
    { x: slot(4) + 1000, y: 500, values: { code: 'K-AWAY', direction_deg: 90, fov_deg: 90, range_m: 100 } },
    { x: slot(5) + 500, y: 500, values: { code: 'K-ROUND', direction_deg: 45, fov_deg: 360, range_m: 100 } },
    // No direction (so all round, whatever the field of view) and no range: a circle of the configured default range (50 m).
    { x: slot(6) + 300, y: 500, values: { code: 'K-DEFAULT', direction_deg: null, fov_deg: 90, range_m: null } },
    // South edge, looking north, 60° wide: a sixth of a disc inside.
    { x: slot(6) + 700, y: 0, values: { code: 'K-NORTH', direction_deg: 0, fov_deg: 60, range_m: 100 } },
  ]);
  return { communities, cells, districts, stops, cameras, random };
}

/** Turf's own answer: the share of a community within `radiusM` of any of the stops (geodesic buffers, spherical areas). */
function turfShare(community: Polygon, stops: { x: number; y: number }[], radiusM: number): number {
  const circles = stops.map((s) => turf.buffer(turf.point(lonLat(s.x, s.y)), radiusM, { units: 'meters', steps: 128 }) as Feature<Polygon>);
  const area = turf.polygon(community.coordinates);
  const near = circles.filter((c) => turf.booleanIntersects(c, area));
  if (near.length === 0) return 0;
  const union = near.length === 1 ? near[0] : (turf.union(turf.featureCollection(near)) as Feature<Polygon | MultiPolygon>);
  const inside = turf.intersect(turf.featureCollection([area, union]));
  return inside ? turf.area(inside) / turf.area(area) : 0;
}

const COVERAGE_FIELDS = 'coveredShare coveredAreaM2 uncoveredAreaM2 areaM2 nearestMeters';

/** Loads the fixtures into a store: every test reads them as loaded, and a test that changes them has a store of its own. */
async function loadFixtures(db: Database, data: ReturnType<typeof fixtures>) {
  await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: data.districts });
  await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: data.communities });
  await importFile(db, { layer: 'grid-cells', fileName: 'cells.geojson', content: data.cells });
  await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: data.stops });
  await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: data.cameras });
}

describe.each(STORE_KINDS)('coverage on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const data = fixtures();
  const analyst = asRole('analyst');
  beforeAll(async () => {
    db = await kind.open();
    await loadFixtures(db, data);
    hub = await startHub(db, testViewerResolver);
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  async function communities(selection: string, headers?: Record<string, string>, on: TestHub = hub) {
    const result = await on.gql(`{ communities(first: 20) { nodes { code areaM2 ${selection} } } }`, undefined, headers);
    expect(result.errors).toBeUndefined();
    return new Map<string, any>(result.data.communities.nodes.map((n: { code: string }) => [n.code, n]));
  }

  it('measures a stop at the centre, at a corner and 600 m outside a 1 km square', async () => {
    const byCode = await communities(`busStopCoverage { ${COVERAGE_FIELDS} }`);
    const centre = byCode.get('CENTRE').busStopCoverage;
    expect(centre.coveredShare / (Math.PI / 4)).toBeCloseTo(1, 2);
    expect(Math.abs(centre.coveredShare / (Math.PI / 4) - 1)).toBeLessThan(0.01);
    expect(centre.nearestMeters).toBe(0);
    const corner = byCode.get('CORNER').busStopCoverage;
    expect(Math.abs(corner.coveredShare / (Math.PI / 16) - 1)).toBeLessThan(0.01);
    expect(corner.nearestMeters).toBeCloseTo(0, 3);
    const outside = byCode.get('OUTSIDE').busStopCoverage;
    expect(outside.coveredShare).toBe(0);
    expect(outside.coveredAreaM2).toBe(0);
    expect(Math.abs(outside.nearestMeters / 600 - 1)).toBeLessThan(0.01);
    expect(Math.abs(byCode.get('CENTRE').areaM2 / KM2 - 1)).toBeLessThan(0.001);
  });

  it('counts overlapping catchments once', async () => {
    const overlap = (await communities(`busStopCoverage { ${COVERAGE_FIELDS} }`)).get('OVERLAP').busStopCoverage;
    // Two circles 200 m apart (a third stands on one of them), all inside a 3 km square.
    const truth = 2 * CIRCLE - lens(R, 200);
    expect(Math.abs(overlap.coveredAreaM2 / truth - 1)).toBeLessThan(0.01);
    expect(Math.abs(overlap.coveredShare / (truth / (9 * KM2)) - 1)).toBeLessThan(0.01);
  });

  it('takes the radius as an argument', async () => {
    const byCode = await communities(`busStopCoverage(radiusMeters: 250) { ${COVERAGE_FIELDS} }`);
    expect(Math.abs(byCode.get('CENTRE').busStopCoverage.coveredAreaM2 / (Math.PI * 250 * 250) - 1)).toBeLessThan(0.01);
    expect(byCode.get('OUTSIDE').busStopCoverage.coveredShare).toBe(0);
    // A page's coverage is read for the whole page before its fields (layer.service.ts): the same values as one area
    // read on its own, two radii in one request each their own, and a radius out of range still reported by the field.
    const alone = await hub.gql(`{ community(code: "CENTRE") { busStopCoverage(radiusMeters: 250) { ${COVERAGE_FIELDS} } } }`);
    expect(alone.data.community.busStopCoverage).toEqual(byCode.get('CENTRE').busStopCoverage);
    const both = await hub.gql(`{ communities(codes: ["CENTRE"]) { nodes { near: busStopCoverage(radiusMeters: 250) { coveredAreaM2 } far: busStopCoverage { coveredAreaM2 } } } }`);
    expect(both.data.communities.nodes[0].near.coveredAreaM2).toBeCloseTo(byCode.get('CENTRE').busStopCoverage.coveredAreaM2, 6);
    expect(both.data.communities.nodes[0].far.coveredAreaM2).toBeGreaterThan(both.data.communities.nodes[0].near.coveredAreaM2 * 3);
    // Beside a field that reads the store on its own (grid cells), coverage stays a DataLoader batch that runs together
    // with it, not a round trip before it: while one of the two statements runs, the other is already sent (the pool
    // holds it, or runs it on a second connection). Measured on the pool's own events, the store untouched.
    const { result: together, most } = await mostStatementsInFlight(db, () => hub.gql(`{ communities { nodes { code gridCells { code } busStopCoverage { coveredShare } } } }`));
    expect(together.errors).toBeUndefined();
    expect(most).toBeGreaterThanOrEqual(2);
    const refused = await hub.gql(`{ communities(codes: ["CENTRE"]) { nodes { code busStopCoverage(radiusMeters: -5) { coveredShare } } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((refused.errors?.[0] as { path?: unknown[] } | undefined)?.path?.at(-1)).toBe('busStopCoverage');
  });

  it('adds covered and uncovered up to the area, everywhere', async () => {
    const byCode = await communities(`busStopCoverage { ${COVERAGE_FIELDS} } cameraCoverage { ${COVERAGE_FIELDS} }`, analyst);
    for (const node of byCode.values()) {
      for (const coverage of [node.busStopCoverage, node.cameraCoverage]) {
        expect(Math.abs(coverage.coveredAreaM2 + coverage.uncoveredAreaM2 - node.areaM2)).toBeLessThan(1e-6 * node.areaM2);
        expect(coverage.areaM2).toBeCloseTo(node.areaM2, 3);
        expect(coverage.coveredShare).toBeGreaterThanOrEqual(0);
        expect(coverage.coveredShare).toBeLessThanOrEqual(1);
      }
    }
  });

  it('agrees with Turf on random communities and stops within 1 %', async () => {
    const byCode = await communities(`busStopCoverage { coveredShare }`);
    for (const community of data.random.communities) {
      const ours = byCode.get(community.code).busStopCoverage.coveredShare;
      const theirs = turfShare(community.geometry, data.random.stops, R);
      expect(Math.abs(ours - theirs), `${community.code}: ours ${ours}, Turf ${theirs}`).toBeLessThan(0.01);
    }
  });

  it('measures camera view sectors: direction, field of view, range and defaults', async () => {
    const byCode = await communities(`cameraCoverage { ${COVERAGE_FIELDS} }`, analyst);
    const sector = byCode.get('SECTOR').cameraCoverage;
    expect(Math.abs(sector.coveredAreaM2 / ((Math.PI * 100 * 100) / 4) - 1)).toBeLessThan(0.01);
    expect(sector.nearestMeters).toBeCloseTo(0, 3);
    const round = byCode.get('ROUND').cameraCoverage;
    expect(Math.abs(round.coveredAreaM2 / (Math.PI * 100 * 100) - 1)).toBeLessThan(0.01);
    const defaults = byCode.get('DEFAULTS').cameraCoverage;
    expect(Math.abs(defaults.coveredAreaM2 / (Math.PI * 50 * 50 + (Math.PI * 100 * 100) / 6) - 1)).toBeLessThan(0.01);
    expect(byCode.get('CENTRE').cameraCoverage.coveredShare).toBe(0);
  });

  it('hides camera distances and gaps from anonymous callers but shows shares', async () => {
    const byCode = await communities(`cameraCoverage { coveredShare nearestMeters gaps }`);
    expect(byCode.get('ROUND').cameraCoverage.coveredShare).toBeGreaterThan(0);
    expect(byCode.get('ROUND').cameraCoverage.nearestMeters).toBeNull();
    expect(byCode.get('ROUND').cameraCoverage.gaps).toBeNull();
  });

  it('returns the gaps as WGS84 polygons, dropping slivers below a minimum area', async () => {
    const result = await hub.gql(`{ community(code: "CENTRE") { busStopCoverage(radiusMeters: 600) { all: gaps large: gaps(minAreaM2: 20000) } } }`);
    expect(result.errors).toBeUndefined();
    const { all, large } = result.data.community.busStopCoverage;
    // A 600 m circle at the centre of the 1 km square leaves its four corners, each (1 km² − (π·600² − 4 caps)) / 4 ≈ 12 275 m².
    const cornerM2 = (KM2 - (Math.PI * 600 * 600 - 4 * cap(600, 500))) / 4;
    expect(all.type).toBe('MultiPolygon');
    expect(all.coordinates).toHaveLength(4);
    for (const part of all.coordinates) expect(Math.abs(turf.area(turf.polygon(part)) / cornerM2 - 1)).toBeLessThan(0.01);
    const [lon, lat] = all.coordinates[0][0][0];
    expect(lon).toBeGreaterThan(123);
    expect(lat).toBeGreaterThan(41);
    expect(large).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });

  it('measures grid cells and districts with the same fields', async () => {
    const cells = await hub.gql(`{ gridCells(communityCode: "CENTRE") { nodes { code busStopCoverage { coveredShare nearestMeters } } } }`);
    expect(cells.errors).toBeUndefined();
    expect(cells.data.gridCells.nodes).toHaveLength(4);
    for (const cell of cells.data.gridCells.nodes) {
      // Each 500 m cell has the stop at a corner: a quarter circle of radius 500 m, π/4 of the cell.
      expect(Math.abs(cell.busStopCoverage.coveredShare / (Math.PI / 4) - 1)).toBeLessThan(0.01);
      expect(cell.busStopCoverage.nearestMeters).toBeCloseTo(0, 3);
    }
    const districts = await hub.gql(`{ districts { code areaM2 busStopCoverage { ${COVERAGE_FIELDS} } } }`);
    expect(districts.errors).toBeUndefined();
    const district = districts.data.districts[0];
    // Inside the district: the centre, corner and twin circles whole, the outside stop's circle less the cap beyond y = −1 km.
    const truth = 2 * CIRCLE + (CIRCLE - cap(R, 400)) + 2 * CIRCLE - lens(R, 200);
    expect(Math.abs(district.busStopCoverage.coveredAreaM2 / truth - 1)).toBeLessThan(0.01);
    expect(Math.abs(district.areaM2 / (35_000 * 5000) - 1)).toBeLessThan(0.001);
    const city = await hub.gql(`{ cityCoverage(kind: BUS_STOPS) { ${COVERAGE_FIELDS} } }`);
    expect(city.data.cityCoverage.coveredAreaM2).toBeCloseTo(district.busStopCoverage.coveredAreaM2, 3);
  });

  it('ranks communities worst first', async () => {
    const result = await hub.gql(`{ coverageRanking(kind: BUS_STOPS, first: 3) { totalCount nodes { code coverage { coveredShare } } } }`);
    expect(result.errors).toBeUndefined();
    const { totalCount, nodes } = result.data.coverageRanking;
    expect(totalCount).toBe(12);
    // Sector, round, defaults and outside have no stop within 500 m. In the district: 0, then 0.163 (two lenses in 9 km²), π/16, π/4.
    expect(nodes.map((n: { coverage: { coveredShare: number } }) => n.coverage.coveredShare)).toEqual([0, 0, 0]);
    const inDistrict = await hub.gql(`{ coverageRanking(kind: BUS_STOPS, districtCode: "210102", first: 10) { totalCount nodes { code } } }`);
    expect(inDistrict.data.coverageRanking.nodes.map((n: { code: string }) => n.code)).toEqual(['OUTSIDE', 'OVERLAP', 'CORNER', 'CENTRE']);
  });

  it('answers 12 communities with both coverages in a handful of statements, then from the cache', async () => {
    const query = `{ communities(first: 20) { nodes { code busStopCoverage { coveredShare gaps } cameraCoverage { coveredShare } } } }`;
    const before = db.statementCount;
    const first = await hub.gql(query, undefined, analyst);
    expect(first.errors).toBeUndefined();
    const statements = db.statementCount - before;
    expect(statements).toBeLessThanOrEqual(6);
    const cached = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM coverage_cache WHERE area_layer = 'communities' AND params_key = 'reach=500'`);
    expect(cached.rows[0].n).toBe(12);
    // Warm, a bound that does not grow with the page: at most one page read, one cache read per kind (bus stops,
    // cameras) and one read of the stored gaps. Grid cells do not bring their communities up to date first.
    const again = db.statementCount;
    expect((await hub.gql(query, undefined, analyst)).data).toEqual(first.data);
    expect(db.statementCount - again).toBeLessThanOrEqual(4);
    // A warm page of cells: at most the page and one cache read.
    const cells = `{ gridCells(communityCode: "CENTRE") { nodes { code busStopCoverage { coveredShare } } } }`;
    const cold = await hub.gql(cells, undefined, analyst);
    const warm = db.statementCount;
    expect((await hub.gql(cells, undefined, analyst)).data).toEqual(cold.data);
    expect(db.statementCount - warm).toBeLessThanOrEqual(2);
  });

  it('reads a page of cached areas as one range of the cache, leaving out the areas in it not asked for', async () => {
    const request = coverageRequest('bus-stops', 500);
    const ctx = createContext(db, readConfig({}), verifyToken(analyst.authorization.replace(/^Bearer /, ''), TEST_JWT_SECRET));
    const few = await computeAreaCoverage(ctx, 'communities', ['CENTRE', 'CORNER', 'OVERLAP'], request);
    // 500 codes or more take the range: CENTRE to ZZZ… spans every other community, of which only two are asked for.
    const padding = Array.from({ length: 600 }, (_, i) => `ZZZ-NO-SUCH-${i}`);
    const many = await computeAreaCoverage(ctx, 'communities', ['CENTRE', 'OVERLAP', ...padding], request);
    expect([...many.keys()].sort()).toEqual(['CENTRE', 'OVERLAP']);
    const figures = (row: { area_m2: number; covered_m2: number; nearest_m: number | null } | undefined) => row && [row.area_m2, row.covered_m2, row.nearest_m];
    expect(figures(many.get('CENTRE'))).toEqual(figures(few.get('CENTRE')));
    expect(figures(many.get('OVERLAP'))).toEqual(figures(few.get('OVERLAP')));
    // Whether the range is faster than a probe per code is a speed (bench), not a truth: the planner picks either on a
    // cache this small, so no plan is asserted here.
  });

  it('recomputes what an import can reach, and only that', async () => {
    // This test imports a stop: on a store of its own, so that every other test reads the fixtures as loaded.
    const own = await kind.open();
    const ownHub = await (async () => {
      await loadFixtures(own, data);
      return startHub(own, testViewerResolver);
    })();
    try {
      await importsReachOnly(own, ownHub);
    } finally {
      await ownHub.close();
      await own.dispose();
    }
  }, 180_000);

  async function importsReachOnly(db: Database, hub: TestHub) {
    const stamp = async () =>
      new Map((await db.query<{ key: string; at: string }>(`SELECT area_layer || ':' || model || ':' || params_key || ':' || area_code AS key, computed_at::text AS at FROM coverage_cache`)).rows.map((r) => [r.key, r.at]));
    await communities(`busStopCoverage { coveredShare } cameraCoverage { coveredShare }`, analyst, hub);
    const before = await stamp();
    // A new stop at the outside community's centre: its coverage becomes π/4; camera coverage stays cached.
    await importFile(db, { layer: 'bus-stops', fileName: 'more-stops.csv', content: pointsCsv(['code'], [{ x: slot(2) + 500, y: 500, values: { code: 'S-NEW' } }]) });
    const byCode = await communities(`busStopCoverage { coveredShare } cameraCoverage { coveredShare }`, analyst, hub);
    expect(Math.abs(byCode.get('OUTSIDE').busStopCoverage.coveredShare / (Math.PI / 4) - 1)).toBeLessThan(0.01);
    const after = await stamp();
    expect(after.get('communities:camera_sectors:reach=50:ROUND')).toBe(before.get('communities:camera_sectors:reach=50:ROUND'));
    // Only the areas the new stop can reach are computed again (change sets: test/change-sets.test.ts): OUTSIDE, not
    // ROUND, 30 km away with a stop of its own nearer than that.
    expect(after.get('communities:bus_stops_radius:reach=500:OUTSIDE')).not.toBe(before.get('communities:bus_stops_radius:reach=500:OUTSIDE'));
    expect(after.get('communities:bus_stops_radius:reach=500:ROUND')).toBe(before.get('communities:bus_stops_radius:reach=500:ROUND'));
  }
});
