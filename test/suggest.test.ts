// What-if and suggested sites on both stores: before/after coverage known from geometry, nothing written, and greedy
// suggestions whose newly covered areas Turf confirms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, Polygon } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { featureCollection, lonLat, pointsCsv, polygon, square } from './coverage.fixtures.js';

const CIRCLE = Math.PI * 500 * 500;
const WIDE = polygon([[0, 0], [2000, 0], [2000, 1000], [0, 1000]]);

function fixtures() {
  const communities = featureCollection([
    { properties: { code: 'WIDE', name: '宽社区', district_code: '210102' }, geometry: WIDE },
    { properties: { code: 'FAR', name: '远社区', district_code: '210102' }, geometry: square(10_000, 0, 1000) },
  ]);
  const stops = pointsCsv(['code'], [
    { x: 500, y: 500, values: { code: 'S-WEST' } },
    { x: 10_500, y: 500, values: { code: 'S-FAR' } },
  ]);
  const cameras = pointsCsv(['code', 'direction_deg', 'fov_deg', 'range_m'], [{ x: 10_500, y: 500, values: { code: 'K-FAR', direction_deg: '', fov_deg: 360, range_m: 100 } }]);
  return { communities, stops, cameras };
}

describe.each(STORE_KINDS)('what-if and suggestions on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  beforeAll(async () => {
    db = await kind.open();
    const data = fixtures();
    await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: data.communities });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: data.stops });
    await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: data.cameras });
    hub = await startHub(db, () => ({ role: 'analyst' }));
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  const share = `coveredShare coveredAreaM2 uncoveredAreaM2 areaM2 nearestMeters`;

  it('adds a proposed stop and removes an existing one, before and after, writing nothing', async () => {
    const [lon, lat] = lonLat(1500, 500);
    const stopsBefore = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bus_stops')).rows[0].n;
    const added = await hub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: BUS_STOPS, scope: { communityCode: "WIDE" }, add: $add) {
      before { ${share} } after { ${share} gaps } communities { code before { coveredShare } after { coveredShare } } } }`, { add: [{ lon, lat }] });
    expect(added.errors).toBeUndefined();
    const { before, after, communities } = added.data.whatIf;
    expect(Math.abs(before.coveredAreaM2 / CIRCLE - 1)).toBeLessThan(0.01);
    // The two circles touch at one point: twice the area, π/4 of the 2 km² rectangle.
    expect(Math.abs(after.coveredAreaM2 / (2 * CIRCLE) - 1)).toBeLessThan(0.01);
    expect(Math.abs(after.coveredAreaM2 + after.uncoveredAreaM2 - after.areaM2)).toBeLessThan(1e-6 * after.areaM2);
    expect(after.nearestMeters).toBe(0);
    expect(after.gaps.type).toBe('MultiPolygon');
    expect(communities).toHaveLength(1);
    expect(communities[0].code).toBe('WIDE');
    expect(Math.abs(communities[0].after.coveredShare / (Math.PI / 4) - 1)).toBeLessThan(0.01);

    const removed = await hub.gql(`{ whatIf(kind: BUS_STOPS, scope: { communityCode: "WIDE" }, removeCodes: ["S-WEST"]) { after { ${share} } } }`);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.whatIf.after.coveredShare).toBe(0);
    // The nearest stop left is the far one, 8.5 km east of the rectangle's east edge.
    expect(Math.abs(removed.data.whatIf.after.nearestMeters / 8500 - 1)).toBeLessThan(0.01);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM bus_stops')).rows[0].n).toBe(stopsBefore);
    const still = await hub.gql(`{ community(code: "WIDE") { busStopCoverage { coveredAreaM2 } } }`);
    expect(Math.abs(still.data.community.busStopCoverage.coveredAreaM2 / CIRCLE - 1)).toBeLessThan(0.01);
  });

  it('refuses camera what-if to anonymous callers, whose shares would show where cameras look (README "Who sees what")', async () => {
    const publicHub = await startHub(db, () => ({ role: 'public' }));
    try {
      const removal = await publicHub.gql(`{ whatIf(kind: CAMERAS, removeCodes: ["K-FAR"]) { after { coveredShare } } }`);
      expect(removal.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(removal.data?.whatIf ?? null).toBeNull();
      const [lon, lat] = lonLat(1000, 500);
      const proposal = await publicHub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: CAMERAS, add: $add) { after { coveredShare } } }`, { add: [{ lon, lat, rangeM: 50 }] });
      expect(proposal.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(proposal.data?.whatIf ?? null).toBeNull();
    } finally {
      await publicHub.close();
    }
  });

  it('adds a proposed camera with a direction, and sums the city', async () => {
    const [lon, lat] = lonLat(1000, 0);
    const result = await hub.gql(`query($add: [ProposedSiteInput!]) { whatIf(kind: CAMERAS, add: $add) { before { coveredAreaM2 } after { coveredAreaM2 } communities { code } } }`, {
      add: [{ lon, lat, directionDeg: 0, fovDeg: 90, rangeM: 100 }],
    });
    expect(result.errors).toBeUndefined();
    const { before, after, communities } = result.data.whatIf;
    // City = both communities: the far camera's circle, then plus a quarter disc looking north from the south edge.
    expect(Math.abs(before.coveredAreaM2 / (Math.PI * 100 * 100) - 1)).toBeLessThan(0.01);
    expect(Math.abs((after.coveredAreaM2 - before.coveredAreaM2) / ((Math.PI * 100 * 100) / 4) - 1)).toBeLessThan(0.01);
    expect(communities.map((c: { code: string }) => c.code)).toEqual(['WIDE']);
  });

  it('refuses a scope named twice, and a bad proposed site', async () => {
    const twice = await hub.gql(`{ whatIf(kind: BUS_STOPS, scope: { communityCode: "WIDE", districtCode: "210102" }) { after { coveredShare } } }`);
    expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const bad = await hub.gql(`{ whatIf(kind: CAMERAS, add: [{ lon: 123.4, lat: 41.8, fovDeg: 400 }]) { after { coveredShare } } }`);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toMatch(/fovDeg/);
  });

  it('suggests stops greedily, most newly covered area first, as Turf measures it', async () => {
    const result = await hub.gql(`{ suggestSites(kind: BUS_STOPS, scope: { communityCode: "WIDE" }, count: 3) {
      before { coveredAreaM2 areaM2 } candidatesConsidered suggestions { rank lon lat location newlyCoveredAreaM2 coveredShareAfter } } }`);
    expect(result.errors).toBeUndefined();
    const { before, suggestions, candidatesConsidered } = result.data.suggestSites;
    expect(candidatesConsidered).toBeGreaterThan(50);
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.map((s: { rank: number }) => s.rank)).toEqual(suggestions.map((_: unknown, i: number) => i + 1));
    for (let i = 1; i < suggestions.length; i++) {
      expect(suggestions[i].newlyCoveredAreaM2).toBeLessThanOrEqual(suggestions[i - 1].newlyCoveredAreaM2);
      expect(suggestions[i].coveredShareAfter).toBeGreaterThan(suggestions[i - 1].coveredShareAfter);
    }
    // The best spot is the centre of the empty east half: a lattice point near it covers almost a whole circle.
    expect(suggestions[0].newlyCoveredAreaM2).toBeGreaterThan(0.85 * CIRCLE);
    expect(suggestions[0].newlyCoveredAreaM2).toBeLessThanOrEqual(CIRCLE * 1.001);
    // Turf, independently: the first pick's circle inside the rectangle, less the existing stop's circle.
    const circle = (lonlat: [number, number]) => turf.buffer(turf.point(lonlat), 500, { units: 'meters', steps: 128 }) as Feature<Polygon>;
    const inside = turf.intersect(turf.featureCollection([turf.polygon(WIDE.coordinates), circle([suggestions[0].lon, suggestions[0].lat])]))!;
    const fresh = turf.difference(turf.featureCollection([inside as Feature<Polygon>, circle(lonLat(500, 500))]));
    expect(Math.abs(turf.area(fresh!) / suggestions[0].newlyCoveredAreaM2 - 1)).toBeLessThan(0.01);
    expect(suggestions[0].location).toEqual({ type: 'Point', coordinates: [suggestions[0].lon, suggestions[0].lat] });
    const total = before.coveredAreaM2 + suggestions.reduce((a: number, s: { newlyCoveredAreaM2: number }) => a + s.newlyCoveredAreaM2, 0);
    expect(total).toBeLessThanOrEqual(before.areaM2 * 1.0001);
    expect(suggestions.at(-1).coveredShareAfter).toBeCloseTo(total / before.areaM2, 6);
  });
});
