// A camera's direction is degrees from true north, wherever in its UTM zone it stands (111_camera_true_north.sql).
// Oracles independent of the hub: Turf's bearings on the sphere (a meridian is bearing 0 on the sphere and on the
// ellipsoid alike; off the meridian the sphere's bearing differs from the ellipsoid's azimuth by up to e²·sinφ·cosφ·
// sinα·cosα, 0.05° here, with opposite signs at ±α, so the axis between two edges is exact), the ellipsoid's radii for a
// short distance, and Turf's sector and spherical areas for the coverage it gives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import type { Feature, Polygon, Position } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';
import { asRole, testViewerResolver } from './support/auth.js';

const A = 6378137;
const E2 = 0.0066943799901413165;
const rad = (deg: number) => (deg * Math.PI) / 180;
const metresPerDegreeLon = (lat: number) => ((A / Math.sqrt(1 - E2 * Math.sin(rad(lat)) ** 2)) * Math.cos(rad(lat)) * Math.PI) / 180;
const metresPerDegreeLat = (lat: number) => ((A * (1 - E2)) / (1 - E2 * Math.sin(rad(lat)) ** 2) ** 1.5) * (Math.PI / 180);

// 0.01° either side of 114°E (the line between zones 49 and 50) at 41°N: 3° from either zone's central meridian, where
// grid north is 1.96° off true north (one way in zone 49, the other in zone 50).
const LAT = 41;
const SITES = [
  { zone: 49, lon: 113.99 },
  { zone: 50, lon: 114.01 },
];
const RANGE_M = 200;
const FOV_DEG = 30;
// A strip 60 m wide along the camera's meridian, 300–480 m north, seen by a narrow camera (10°, 500 m) facing north:
// turned by 2°, its sector leaves a few per cent of the strip that a true-north sector covers.
const STRIP = { halfWidthM: 30, fromM: 300, toM: 480 };
const NARROW = { fovDeg: 10, rangeM: 500 };

function strip(lon: number): Polygon {
  const dx = STRIP.halfWidthM / metresPerDegreeLon(LAT);
  const y0 = LAT + STRIP.fromM / metresPerDegreeLat(LAT);
  const y1 = LAT + STRIP.toM / metresPerDegreeLat(LAT);
  return { type: 'Polygon', coordinates: [[[lon - dx, y0], [lon + dx, y0], [lon + dx, y1], [lon - dx, y1], [lon - dx, y0]]] };
}

/** Turf's share of the strip inside a true-north sector of the narrow camera at `lon`. */
function turfShare(lon: number): number {
  const shape = turf.feature(strip(lon)) as Feature<Polygon>;
  const sector = turf.sector([lon, LAT], NARROW.rangeM / 1000, -NARROW.fovDeg / 2, NARROW.fovDeg / 2, { steps: 256 });
  const inside = turf.intersect(turf.featureCollection([shape, sector]));
  return inside ? turf.area(inside) / turf.area(shape) : 0;
}

describe.each(STORE_KINDS)('camera sectors on true north on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const csv = (rows: { code: string; lon: number; direction: number; fov: number; range: number }[]) =>
    ['code,name,lon,lat,direction_deg,fov_deg,range_m', ...rows.map((r) => `${r.code},${r.code},${r.lon},${LAT},${r.direction},${r.fov},${r.range}`)].join('\n');
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, {
      layer: 'communities', fileName: 'strips.geojson', content: JSON.stringify({
        type: 'FeatureCollection',
        features: SITES.map((s) => ({ type: 'Feature', properties: { code: `STRIP${s.zone}`, name: `strip ${s.zone}` }, geometry: strip(s.lon) })),
      }),
    });
    // NEW* cameras are drawn by the importer's set-based insert; TURN* are first imported facing east, then turned to
    // north by a second import, which redraws them through the update trigger.
    await importFile(db, { layer: 'cameras', fileName: 'turned.csv', content: csv(SITES.map((s) => ({ code: `TURN${s.zone}`, lon: s.lon, direction: 90, fov: FOV_DEG, range: RANGE_M }))) });
    await importFile(db, {
      layer: 'cameras', fileName: 'cameras.csv', content: csv(SITES.flatMap((s) => [
        { code: `NEW${s.zone}`, lon: s.lon, direction: 0, fov: FOV_DEG, range: RANGE_M },
        { code: `NARROW${s.zone}`, lon: s.lon, direction: 0, fov: NARROW.fovDeg, range: NARROW.rangeM },
      ])),
    });
    await importFile(db, { layer: 'cameras', fileName: 'turned.csv', content: csv(SITES.map((s) => ({ code: `TURN${s.zone}`, lon: s.lon, direction: 0, fov: FOV_DEG, range: RANGE_M }))) });
    hub = await startHub(db, testViewerResolver);
  }, 600_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('draws a north-facing sector at a zone edge about the meridian, by the importer and by the update trigger', async () => {
    const { rows } = await db.query<{ code: string; srid: number; ring: string }>(
      `SELECT code, ST_SRID(view_m) AS srid, ST_AsGeoJSON(ST_ExteriorRing(ST_Transform(view_m, 4326)), 9) AS ring FROM cameras WHERE code LIKE 'NEW%' OR code LIKE 'TURN%' ORDER BY code`);
    expect(rows.map((r) => [r.code, r.srid])).toEqual([['NEW49', 32649], ['NEW50', 32650], ['TURN49', 32649], ['TURN50', 32650]]);
    for (const row of rows) {
      const ring: Position[] = JSON.parse(row.ring).coordinates;
      const apex = ring[0];
      const [first, last] = [ring[1], ring[ring.length - 2]];
      // the sector's edges at ∓fov/2 of true north (grid north is 1.96° away), so its axis on the meridian
      expect(Math.abs(turf.bearing(apex, first) - -FOV_DEG / 2)).toBeLessThan(0.1);
      expect(Math.abs(turf.bearing(apex, last) - FOV_DEG / 2)).toBeLessThan(0.1);
      const axis = (turf.bearing(apex, first) + turf.bearing(apex, last)) / 2;
      expect(Math.abs(axis)).toBeLessThan(0.01);
      // UTM's scale 3° off the central meridian is 1.0004: the range drawn in zone metres is within 0.1 % on the ground
      const groundM = (p: Position) => Math.hypot((p[0] - apex[0]) * metresPerDegreeLon(LAT), (p[1] - apex[1]) * metresPerDegreeLat(LAT));
      for (const p of [first, last]) expect(Math.abs(groundM(p) / RANGE_M - 1)).toBeLessThan(0.001);
    }
  });

  it('covers a strip along the meridian as a true-north sector does (Turf), stored and proposed alike', async () => {
    const result = await hub.gql(`{ communities(first: 10) { nodes { code cameraCoverage { coveredShare } } } }`);
    expect(result.errors).toBeUndefined();
    const shares = new Map(result.data.communities.nodes.map((n: any) => [n.code, n.cameraCoverage.coveredShare]));
    for (const site of SITES) {
      const truth = turfShare(site.lon);
      expect(truth).toBeLessThan(0.99); // the strip is wider than the sector near its apex: a turn would show
      expect(Math.abs((shares.get(`STRIP${site.zone}`) as number) - truth)).toBeLessThan(0.003);
      // The same camera proposed in what-if (its stored twin left out) draws the same sector.
      const whatIf = await hub.gql(`query($add: [ProposedSiteInput!]!, $remove: [String!]!, $scope: CoverageScopeInput) {
        whatIf(kind: CAMERAS, add: $add, removeCodes: $remove, scope: $scope) { after { coveredShare } } }`, {
        add: [{ lon: site.lon, lat: LAT, directionDeg: 0, fovDeg: NARROW.fovDeg, rangeM: NARROW.rangeM }],
        remove: [`NARROW${site.zone}`],
        scope: { communityCode: `STRIP${site.zone}` },
      }, asRole('analyst'));
      expect(whatIf.errors).toBeUndefined();
      expect(Math.abs(whatIf.data.whatIf.after.coveredShare - truth)).toBeLessThan(0.003);
    }
  });
});
