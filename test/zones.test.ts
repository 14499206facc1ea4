// Right everywhere: one store holding data from several UTM zones measures each area in its own zone (070_zones.sql).
// Oracles are independent of the hub: Turf (geodesic circles, spherical areas), the ellipsoid's radii for a short
// distance due east, PostGIS geography on the server store, and a circle's cap from geometry alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as turf from '@turf/turf';
import pg from 'pg';
import { parse } from 'csv-parse/sync';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { migrate, MIGRATIONS_DIR } from '../server/db/migrate.js';
import { areaCoverageQuery } from '../server/analysis/coverage.service.js';
import { coverageRequest } from '../server/analysis/catchment-models.js';
import { featureRowsSql } from '../server/tiles/tile-sql.js';
import { whereClause } from '../server/store/layer-query.js';
import { upsertSql } from '../server/ingest/upsert.js';
import { LAYERS } from '../server/layers.js';
import { signToken, verifyToken } from '../server/auth/token.js';
import { TEST_JWT_SECRET } from './support/auth.js';
import { STORE_KINDS } from './support/stores.js';
import { startHub, type TestHub } from './support/hub.js';

const SHENYANG = fs.readFileSync(new URL('../data-sources/shenyang-districts.gcj02.geojson', import.meta.url), 'utf8');
const TRACTS = fs.readFileSync(new URL('./data/real/seattle-census-tracts.geojson', import.meta.url), 'utf8');
const STOPS = fs.readFileSync(new URL('./data/real/seattle-king-county-metro-stops.txt', import.meta.url), 'utf8');
const R = 500;

// WGS84: a short step due east on the ellipsoid is along the parallel, whose radius is N·cos φ (N the prime
// vertical radius); over 1 km the geodesic and the parallel differ by less than a millimetre.
const A = 6378137;
const E2 = 0.0066943799901413165;
const metresPerDegreeLon = (lat: number) => (A / Math.sqrt(1 - E2 * Math.sin((lat * Math.PI) / 180) ** 2)) * Math.cos((lat * Math.PI) / 180) * (Math.PI / 180);
// A meridian degree near φ: M = a(1 − e²)/(1 − e² sin²φ)^1.5.
const metresPerDegreeLat = (lat: number) => ((A * (1 - E2)) / (1 - E2 * Math.sin((lat * Math.PI) / 180) ** 2) ** 1.5) * (Math.PI / 180);

/** A square of `sideM` whose south-west corner is at (lon, lat), in lon/lat. */
function squareAt(lon: number, lat: number, sideM: number): Polygon {
  const dx = sideM / metresPerDegreeLon(lat + sideM / 2 / metresPerDegreeLat(lat));
  const dy = sideM / metresPerDegreeLat(lat);
  return { type: 'Polygon', coordinates: [[[lon, lat], [lon + dx, lat], [lon + dx, lat + dy], [lon, lat + dy], [lon, lat]]] };
}

const collection = (features: { properties: Record<string, unknown>; geometry: unknown }[]) =>
  JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
const stopsCsv = (stops: { code: string; lon: number; lat: number }[]) =>
  ['code,name,lon,lat', ...stops.map((s) => `${s.code},${s.code},${s.lon},${s.lat}`)].join('\n');

/** Turf's share of `area` within R of any stop: 500 m geodesic circles, unioned, intersected, spherical areas. */
function turfShare(area: Polygon | MultiPolygon, stops: Position[]): number {
  const shape = turf.feature(area) as Feature<Polygon | MultiPolygon>;
  const [minX, minY, maxX, maxY] = turf.bbox(shape);
  const margin = 0.01;
  const near = stops
    .filter(([x, y]) => x > minX - margin && x < maxX + margin && y > minY - margin && y < maxY + margin)
    .map((p) => turf.circle(p, R, { units: 'meters', steps: 128 }))
    .filter((c) => turf.booleanIntersects(c, shape));
  if (near.length === 0) return 0;
  const union = near.length === 1 ? near[0] : turf.union(turf.featureCollection(near));
  const inside = union && turf.intersect(turf.featureCollection([shape, union as Feature<Polygon | MultiPolygon>]));
  return inside ? turf.area(inside) / turf.area(shape) : 0;
}

// Square communities of 800 m cut by 114°E near 30.6°N, and stops scattered on both sides.
function wuhan() {
  let seed = 114;
  const next = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const communities: { code: string; geometry: Polygon }[] = [];
  const stops: { code: string; lon: number; lat: number }[] = [];
  for (let i = 0; i < 6; i++) {
    const lat = 30.6 + i * 0.012;
    const west = 114 - (100 + 600 * next()) / metresPerDegreeLon(lat);
    communities.push({ code: `WH${i}`, geometry: squareAt(west, lat, 800) });
    for (let s = 0; s < 4; s++) {
      stops.push({ code: `WHS${i}-${s}`, lon: 114 + ((next() - 0.5) * 2400) / metresPerDegreeLon(lat), lat: lat + ((next() - 0.1) * 1000) / metresPerDegreeLat(lat) });
    }
  }
  return { communities, stops };
}

// Outside any of the others' reach: a corner at 113.8°E (2.8° from zone 49's meridian, 9.2° from Shenyang's zone's).
const CORNER: [number, number] = [113.8, 30.9];
const FAR_STOP: [number, number] = [CORNER[0] + 1000 / metresPerDegreeLon(CORNER[1]), CORNER[1]];
// A community whose west edge is on 114°E (zone 50 begins there) and a stop 300 m west of it (zone 49); the same pair
// shifted to the middle of zone 50 (117°E).
const EDGE_LAT = 31.1;
const across = (lon: number) => ({ community: squareAt(lon, EDGE_LAT, 800), stop: [lon - 300 / metresPerDegreeLon(EDGE_LAT + 0.0036), EDGE_LAT + 400 / metresPerDegreeLat(EDGE_LAT)] as [number, number] });
// The part of a circle of radius r beyond a chord at distance h from its centre.
const cap = (r: number, h: number) => r * r * Math.acos(h / r) - h * Math.sqrt(r * r - h * h);

const COVERAGE = `{ communities(first: 500) { nodes { code areaM2 busStopCoverage { coveredShare nearestMeters } } } }`;

async function sharesOf(hub: TestHub): Promise<Map<string, { areaM2: number; coveredShare: number; nearestMeters: number }>> {
  const result = await hub.gql(COVERAGE);
  expect(result.errors).toBeUndefined();
  return new Map(result.data.communities.nodes.map((n: any) => [n.code, { areaM2: n.areaM2, ...n.busStopCoverage }]));
}

describe.each(STORE_KINDS)('zones on the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  let hub: TestHub;
  const data = wuhan();
  const tractStops: Position[] = (parse(STOPS, { columns: true }) as Record<string, string>[])
    .filter((r) => !r.location_type || r.location_type === '0')
    .map((r) => [Number(r.stop_lon), Number(r.stop_lat)]);
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'shenyang-districts.gcj02.geojson', content: SHENYANG, crs: 'gcj02', fieldMap: { code: 'adcode' } });
    await importFile(db, { layer: 'communities', fileName: 'seattle-census-tracts.geojson', content: TRACTS, fieldMap: { code: 'geoid' } });
    await importFile(db, { layer: 'bus-stops', fileName: 'stops.txt', content: STOPS });
    const edge = across(114);
    const middle = across(117);
    await importFile(db, {
      layer: 'communities', fileName: 'wuhan.geojson', content: collection([
        ...data.communities.map((c) => ({ properties: { code: c.code, name: c.code }, geometry: c.geometry })),
        { properties: { code: 'CORNER', name: 'corner' }, geometry: squareAt(CORNER[0] - 500 / metresPerDegreeLon(CORNER[1]), CORNER[1] - 500 / metresPerDegreeLat(CORNER[1]), 500) },
        { properties: { code: 'EDGE', name: 'edge' }, geometry: edge.community },
        { properties: { code: 'MIDDLE', name: 'middle' }, geometry: middle.community },
      ]),
    });
    await importFile(db, {
      layer: 'bus-stops', fileName: 'wuhan.csv', content: stopsCsv([
        ...data.stops, { code: 'FAR', lon: FAR_STOP[0], lat: FAR_STOP[1] },
        { code: 'EDGE-S', lon: edge.stop[0], lat: edge.stop[1] }, { code: 'MIDDLE-S', lon: middle.stop[0], lat: middle.stop[1] },
      ]),
    });
    hub = await startHub(db);
  }, 900_000);
  afterAll(async () => {
    await hub?.close();
    await db?.dispose();
  });

  it('keeps each row in its own zone', async () => {
    const { rows } = await db.query(`SELECT count(*) FILTER (WHERE ST_SRID(geom_m) <> atlas_metric_srid_for(geom))::int AS wrong,
      count(DISTINCT ST_SRID(geom_m))::int AS zones FROM (SELECT geom, geom_m FROM communities UNION ALL SELECT geom, geom_m FROM bus_stops UNION ALL SELECT geom, geom_m FROM districts) r`);
    expect(rows[0].wrong).toBe(0);
    expect(rows[0].zones).toBe(4); // 51N (Shenyang), 10N (Seattle), 49N and 50N (either side of 114°E)
  });

  it('gives Seattle after Shenyang within 1 point of Turf', async () => {
    const byCode = await sharesOf(hub);
    const tracts = (JSON.parse(TRACTS).features as Feature<MultiPolygon>[]);
    expect(tractStops.length).toBe(Number((await db.query(`SELECT count(*)::int AS n FROM bus_stops WHERE code NOT LIKE 'WH%' AND code NOT IN ('FAR', 'EDGE-S', 'MIDDLE-S')`)).rows[0].n));
    let worst = 0;
    for (const tract of tracts) {
      const ours = byCode.get(String(tract.properties!.geoid))!.coveredShare;
      worst = Math.max(worst, Math.abs(ours - turfShare(tract.geometry, tractStops)));
    }
    expect(worst).toBeLessThan(0.01);
  }, 300_000);

  it('measures communities cut by 114°E as Turf does, and as a store holding them alone', async () => {
    const byCode = await sharesOf(hub);
    const stops = data.stops.map((s) => [s.lon, s.lat]);
    for (const c of data.communities) expect(Math.abs(byCode.get(c.code)!.coveredShare - turfShare(c.geometry, stops))).toBeLessThan(0.005);
    const alone = await kind.open();
    const aloneHub = await startHub(alone);
    try {
      await importFile(alone, { layer: 'communities', fileName: 'wuhan.geojson', content: collection(data.communities.map((c) => ({ properties: { code: c.code, name: c.code }, geometry: c.geometry }))) });
      await importFile(alone, { layer: 'bus-stops', fileName: 'wuhan.csv', content: stopsCsv(data.stops) });
      const fresh = await sharesOf(aloneHub);
      for (const c of data.communities) expect(Math.abs(byCode.get(c.code)!.coveredShare - fresh.get(c.code)!.coveredShare)).toBeLessThan(1e-6);
    } finally {
      await aloneHub.close();
      await alone.dispose();
    }
  }, 400_000);

  it("measures the 13 Shenyang districts' areas within 0.1 % of the ellipsoid (and Turf's sphere)", async () => {
    const result = await hub.gql(`{ districts { code areaM2 } }`);
    expect(result.errors).toBeUndefined();
    const ours = new Map<string, number>(result.data.districts.map((d: any) => [d.code, d.areaM2]));
    const { rows } = await db.query<{ code: string; geojson: string; ellipsoid: number | null }>(
      `SELECT code, ST_AsGeoJSON(geom) AS geojson, ${db.kind === 'server' ? 'ST_Area(geom::geography)' : 'NULL::float8'} AS ellipsoid FROM districts`);
    expect(rows).toHaveLength(13);
    for (const row of rows) {
      const area = ours.get(row.code)!;
      expect(Math.abs(area / turf.area(JSON.parse(row.geojson)) - 1)).toBeLessThan(0.005);
      if (row.ellipsoid !== null) expect(Math.abs(area / row.ellipsoid - 1)).toBeLessThan(0.001);
    }
  });

  it('gives the nearest stop 1,000 m due east of a corner far from any central meridian within 0.1 %', async () => {
    const corner = (await sharesOf(hub)).get('CORNER')!;
    expect(Math.abs(corner.nearestMeters / 1000 - 1)).toBeLessThan(0.001);
  });

  it('covers a community from a stop 300 m across a zone line as inside one zone', async () => {
    const byCode = await sharesOf(hub);
    const edge = byCode.get('EDGE')!;
    const middle = byCode.get('MIDDLE')!;
    const truth = cap(R, 300) / (800 * 800);
    expect(Math.abs(edge.coveredShare - truth)).toBeLessThan(0.002);
    expect(Math.abs(edge.coveredShare - turfShare(across(114).community, [across(114).stop]))).toBeLessThan(0.002);
    expect(Math.abs(edge.coveredShare - middle.coveredShare)).toBeLessThan(0.001);
    expect(Math.abs(edge.nearestMeters - 300)).toBeLessThan(0.5);
  });

  it('gives what-if, its gaps and suggestions across a zone line as inside one zone', async () => {
    // The stop 300 m west of each square moved to 400 m west, as a what-if: the share is the cap beyond a chord at
    // 400 m, at the zone line (the square in zone 50, the proposed stop in zone 49) as in the middle of zone 50.
    const WHAT_IF = `query($add: [ProposedSiteInput!]!, $remove: [String!]!, $code: String) {
      whatIf(kind: BUS_STOPS, add: $add, removeCodes: $remove, scope: { communityCode: $code }) { after { coveredShare nearestMeters gaps } } }`;
    const SUGGEST = `query($code: String) { suggestSites(kind: BUS_STOPS, count: 1, scope: { communityCode: $code }) { suggestions { lon lat coveredShareAfter } } }`;
    const truth = cap(R, 400) / (800 * 800);
    for (const [code, lon, stopCode] of [['EDGE', 114, 'EDGE-S'], ['MIDDLE', 117, 'MIDDLE-S']] as const) {
      const { community, stop } = across(lon);
      const moved = [stop[0] - 100 / metresPerDegreeLon(stop[1]), stop[1]];
      const result = await hub.gql(WHAT_IF, { add: [{ lon: moved[0], lat: moved[1] }], remove: [stopCode], code });
      expect(result.errors).toBeUndefined();
      const after = result.data.whatIf.after;
      expect(Math.abs(after.coveredShare - truth), code).toBeLessThan(0.002);
      expect(Math.abs(after.nearestMeters - 400), code).toBeLessThan(0.5);
      // The gaps drawn are the uncovered part: Turf's area of them over Turf's area of the square.
      expect(Math.abs(turf.area(after.gaps) / turf.area(turf.feature(community)) - (1 - truth)), code).toBeLessThan(0.002);

      // One suggested stop: the share it claims is Turf's share of the square with the existing stop and it.
      const suggested = await hub.gql(SUGGEST, { code });
      expect(suggested.errors).toBeUndefined();
      const [pick] = suggested.data.suggestSites.suggestions;
      expect(Math.abs(pick.coveredShareAfter - turfShare(community, [stop, [pick.lon, pick.lat]])), code).toBeLessThan(0.005);
      expect(pick.coveredShareAfter, code).toBeGreaterThan(cap(R, 300) / (800 * 800));
    }
  });

  it('refuses a row at latitude 85° with the file, the row and a sentence', async () => {
    const error = await importFile(db, { layer: 'bus-stops', fileName: 'arctic.csv', content: 'code,lon,lat\nOK,114,30\nPOLE,10,85' }).catch((e) => e);
    expect(error).toBeInstanceOf(ImportRefusedError);
    expect(error.message).toMatch(/arctic\.csv: row 3.*latitude 85 is beyond ±84°/);
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM bus_stops WHERE code IN ('OK', 'POLE')`)).rows[0].n)).toBe(0);
  });
});

const LAYER_SCAN = /Seq Scan on (districts|communities|grid_cells|cameras|bus_stops|renovation_sites|roads)\b/;

describe.skipIf(!process.env.DATABASE_URL)('plans on the server store', () => {
  let db: Awaited<ReturnType<(typeof STORE_KINDS)[number]['open']>>;
  beforeAll(async () => {
    db = await STORE_KINDS.find((k) => k.name === 'server')!.open();
    // A few thousand sites among 400 districts, 400 communities and 1,600 grid cells around 123.4°E, 41.8°N, so that
    // the planner prefers the indexes.
    await db.query(`INSERT INTO communities (code, name, geom, source)
      SELECT 'C' || i || '-' || j, 'c', ST_Multi(ST_MakeEnvelope(123.4 + i * 0.01, 41.8 + j * 0.008, 123.41 + i * 0.01, 41.808 + j * 0.008, 4326)), 'plan'
      FROM generate_series(0, 19) i, generate_series(0, 19) j`);
    await db.query(`INSERT INTO districts (code, name, geom, source)
      SELECT 'D' || i || '-' || j, 'd', ST_Multi(ST_MakeEnvelope(123.4 + i * 0.01, 41.8 + j * 0.008, 123.41 + i * 0.01, 41.808 + j * 0.008, 4326)), 'plan'
      FROM generate_series(0, 19) i, generate_series(0, 19) j`);
    await db.query(`INSERT INTO grid_cells (code, geom, source)
      SELECT 'G' || i || '-' || j, ST_Multi(ST_MakeEnvelope(123.4 + i * 0.005, 41.8 + j * 0.004, 123.405 + i * 0.005, 41.804 + j * 0.004, 4326)), 'plan'
      FROM generate_series(0, 39) i, generate_series(0, 39) j`);
    await db.query(`INSERT INTO bus_stops (code, geom, source) SELECT 'S' || n, ST_SetSRID(ST_MakePoint(123.4 + random() * 0.2, 41.8 + random() * 0.16), 4326), 'plan' FROM generate_series(1, 4000) n`);
    await db.query(`INSERT INTO cameras (code, range_m, direction_deg, fov_deg, geom, source) SELECT 'K' || n, 50, 90, 90, ST_SetSRID(ST_MakePoint(123.4 + random() * 0.2, 41.8 + random() * 0.16), 4326), 'plan' FROM generate_series(1, 4000) n`);
    await db.query('ANALYZE');
  }, 120_000);
  afterAll(async () => db?.dispose());

  const plan = async (text: string, values: unknown[] = []) => (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values)).rows.map((r) => r['QUERY PLAN']).join('\n');

  /** A cover or nearest function's own statement, with its arguments written in (EXPLAIN does not show a function's). */
  async function functionBody(name: string, args: Record<string, string>): Promise<string> {
    const { rows } = await db.query<{ prosrc: string }>(`SELECT prosrc FROM pg_proc WHERE proname = $1 AND pronargs = $2`, [name, Object.keys(args).length]);
    return Object.entries(args).reduce((body, [arg, value]) => body.replace(new RegExp(`\\b${arg}\\b`, 'g'), value), rows[0].prosrc);
  }

  it('reads the layers through their indexes for coverage, listings, tiles and import links', async () => {
    const area = `(SELECT geom_m FROM communities WHERE code = 'C5-5')`;
    const box = `(SELECT atlas_reach_box(geom_m, 0) FROM communities WHERE code = 'C5-5')`;
    const plans: string[] = [];
    for (const kind of ['bus-stops', 'cameras'] as const) {
      const { text, values } = areaCoverageQuery('communities', ['C5-5', 'C6-6'], coverageRequest(kind, kind === 'bus-stops' ? 500 : 50));
      plans.push(await plan(text, values));
      const model = kind === 'bus-stops' ? 'atlas_bus_stops_radius' : 'atlas_camera_sectors';
      plans.push(await plan(await functionBody(`${model}_cover`, { area, area_box: box, reach_m: '500::float8', removed: `'{}'::text[]`, added: `'[]'::jsonb` })));
      plans.push(await plan(await functionBody(`${model}_nearest_m`, { area, area_box: box, removed: `'{}'::text[]`, added: `'[]'::jsonb` })));
    }
    const values: unknown[] = [];
    const near = whereClause(LAYERS['bus-stops'], { near: { lon: 123.45, lat: 41.85, withinMeters: 300 } }, verifyToken(signToken({ role: 'analyst' }, TEST_JWT_SECRET), TEST_JWT_SECRET), values);
    plans.push(await plan(`SELECT code FROM bus_stops t WHERE ${near.join(' AND ')} ORDER BY code LIMIT 100`, values));
    plans.push(await plan(featureRowsSql('stopCatchments'), [15, 27620, 12270, null, 500]));
    plans.push(await plan(featureRowsSql('cameraSectors'), [15, 27620, 12270, null, 50]));
    await db.transaction(async (client) => {
      await client.query(`CREATE TEMP TABLE import_rows (source_row integer PRIMARY KEY, geom geometry NOT NULL, geom_m geometry NOT NULL, attrs jsonb NOT NULL) ON COMMIT DROP`);
      await client.query(`INSERT INTO import_rows SELECT n, p, ST_Transform(p, atlas_metric_srid_for(p)), jsonb_build_object('code', 'N' || n)
        FROM generate_series(1, 20) n, LATERAL (SELECT ST_SetSRID(ST_MakePoint(123.45 + n * 1e-3, 41.85), 4326) AS p) g`);
      await client.query('CREATE INDEX ON import_rows USING gist (geom)');
      await client.query('ANALYZE import_rows');
      for (const linkPlan of ['parents-outer', 'rows-outer'] as const) {
        const layer = LAYERS['bus-stops'];
        const sql = upsertSql(layer, Object.fromEntries(layer.links.map((c) => [c, linkPlan])));
        plans.push((await client.query(`EXPLAIN ${sql}`, [1, 'plan'])).rows.map((r: any) => r['QUERY PLAN']).join('\n'));
      }
    });
    for (const text of plans) expect(text).not.toMatch(LAYER_SCAN);
  }, 60_000);
});

describe.skipIf(!process.env.DATABASE_URL)('a single-zone store migrated in place', () => {
  const name = `atlas_test_${crypto.randomBytes(6).toString('hex')}`;
  let pool: pg.Pool;
  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    await pool.query('CREATE EXTENSION IF NOT EXISTS postgis');
  });
  afterAll(async () => {
    await pool?.end();
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });

  it('moves every row into its own zone, keeps the geometry and marks coverage stale', async () => {
    const old = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-old-migrations-'));
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((f) => f < '070')) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(old, file));
    await migrate(pool, old);
    // Shenyang first fixes the old store's zone (51N); Seattle's rows are then projected into it.
    await pool.query(`INSERT INTO communities (code, name, geom, source) VALUES
      ('SY', 'sy', ST_Multi(ST_MakeEnvelope(123.40, 41.80, 123.41, 41.81, 4326)), 'old'),
      ('SEA', 'sea', ST_Multi(ST_MakeEnvelope(-122.34, 47.60, -122.33, 47.61, 4326)), 'old')`);
    await pool.query(`INSERT INTO cameras (code, range_m, direction_deg, fov_deg, geom, source) VALUES ('K', 80, 45, 90, ST_SetSRID(ST_MakePoint(-122.335, 47.605), 4326), 'old')`);
    await pool.query(`INSERT INTO coverage_cache (area_layer, area_code, model, params_key, area_version, source_version, area_m2, covered_m2, gaps_m)
      SELECT 'communities', code, 'bus_stops_radius', '500', 0, 0, ST_Area(geom_m), 0, geom_m FROM communities`);
    const before = (await pool.query(`SELECT count(DISTINCT ST_SRID(geom_m))::int AS zones, max(version)::int AS version FROM communities, layer_versions`)).rows[0];
    expect(before.zones).toBe(1);
    await migrate(pool);
    const { rows } = await pool.query(`SELECT code, ST_SRID(geom_m) AS srid, ST_HausdorffDistance(ST_Transform(geom_m, 4326), geom) AS moved FROM communities ORDER BY code`);
    expect(rows.map((r) => [r.code, r.srid])).toEqual([['SEA', 32610], ['SY', 32651]]);
    for (const r of rows) expect(r.moved).toBeLessThan(1e-9);
    const camera = (await pool.query(`SELECT ST_SRID(geom_m) AS srid, ST_SRID(view_m) AS view_srid, ST_Area(view_m) AS area FROM cameras`)).rows[0];
    expect([camera.srid, camera.view_srid]).toEqual([32610, 32610]);
    expect(Math.abs(camera.area / ((Math.PI * 80 * 80) / 4) - 1)).toBeLessThan(0.01);
    expect(Number((await pool.query('SELECT count(*) AS n FROM coverage_cache')).rows[0].n)).toBe(0);
    // Every layer the old store had moved on (later migrations may add rows of their own, at 0).
    const moved = (await pool.query(`SELECT min(version)::int AS v FROM layer_versions WHERE layer = ANY($1::text[])`, [['districts', 'communities', 'grid-cells', 'cameras', 'bus-stops', 'renovation-sites', 'roads']])).rows[0].v;
    expect(moved).toBeGreaterThan(before.version);
    expect((await pool.query(`SELECT indexname FROM pg_indexes WHERE indexname LIKE '%geom_m%' OR indexname = 'cameras_view_m_idx'`)).rows).toEqual([]);
  });
});
