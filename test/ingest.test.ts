// The importer against real files: GCJ-02 Shenyang lands within a metre, Chinese text survives GBK, every format reads, bad files leave nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import * as turf from '@turf/turf';
import iconv from 'iconv-lite';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { STORE_KINDS } from './support/stores.js';
import { shapefileZip, UTM51N_PRJ, WGS84_PRJ } from './support/ingest-files.js';

const REAL = path.resolve(__dirname, '../data-sources');
const shenyangText = fs.readFileSync(path.join(REAL, 'shenyang-districts.gcj02.geojson'), 'utf8');
const shenyang = JSON.parse(shenyangText) as { features: Feature<MultiPolygon, { adcode: number; name: string; centroid: number[] }>[] };

/** The published forward WGS-84 → GCJ-02 formula (not gcoord's inverse), to check the importer independently. */
function wgsToGcj([lon, lat]: Position): Position {
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const x = lon - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  dLon += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  dLon += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ee * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

const count = async (db: { query: (t: string) => Promise<{ rows: { n: number }[] }> }, table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n;

describe.each(STORE_KINDS)('importing into the $name store (Shenyang)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
    await importFile(db, { layer: 'districts', fileName: 'shenyang-districts.gcj02.geojson', content: shenyangText, crs: 'gcj02', fieldMap: { code: 'adcode' }, actor: 'test' });
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('lands every GCJ-02 vertex within 1 m of where the forward formula says it came from', async () => {
    const { rows } = await db.query<{ code: string; geojson: string }>('SELECT code, ST_AsGeoJSON(geom, 9) AS geojson FROM districts ORDER BY code');
    expect(rows).toHaveLength(13);
    // A repaired ring may start elsewhere, so each stored vertex is matched with the nearest original vertex of its district.
    const key = (lon: number, lat: number) => `${Math.round(lon * 1e3)},${Math.round(lat * 1e3)}`;
    let worstMeters = 0;
    for (const row of rows) {
      const original = shenyang.features.find((f) => String(f.properties.adcode) === row.code)!.geometry.coordinates.flat(2);
      const buckets = new Map<string, Position[]>();
      for (const p of original) buckets.set(key(p[0], p[1]), [...(buckets.get(key(p[0], p[1])) ?? []), p]);
      for (const position of (JSON.parse(row.geojson) as MultiPolygon).coordinates.flat(2)) {
        const gcj = wgsToGcj(position);
        let nearest = Infinity;
        for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) {
          for (const p of buckets.get(key(gcj[0] + dx / 1e3, gcj[1] + dy / 1e3)) ?? []) nearest = Math.min(nearest, turf.distance(gcj, p, { units: 'meters' }));
        }
        worstMeters = Math.max(worstMeters, nearest);
      }
    }
    expect(worstMeters).toBeLessThan(1);
  });

  it('keeps every district area within 0.5 % of Turf on the gcoord-converted polygon', async () => {
    const { rows } = await db.query<{ code: string; area_m2: number }>('SELECT code, ST_Area(geom_m) AS area_m2 FROM districts');
    for (const row of rows) {
      const feature = shenyang.features.find((f) => String(f.properties.adcode) === row.code)!;
      // gcoord converts GeoJSON in place: convert a copy, so the other store's checks still see the file's GCJ-02.
      const converted = gcoord.transform(structuredClone(feature) as any, gcoord.GCJ02, gcoord.WGS84) as unknown as Feature<MultiPolygon>;
      const expected = turf.area(converted);
      expect(Math.abs(row.area_m2 - expected) / expected).toBeLessThan(0.005);
    }
  });

  it('re-importing the same file changes nothing, and records the run with its hash', async () => {
    const summary = await importFile(db, { layer: 'districts', fileName: 'shenyang-districts.gcj02.geojson', content: shenyangText, crs: 'gcj02', fieldMap: { code: 'adcode' } });
    expect(summary).toMatchObject({ rowsWritten: 0, rowsUnchanged: 13 });
    const { rows } = await db.query('SELECT count(DISTINCT import_run_id)::int AS runs FROM districts');
    expect(rows[0].runs).toBe(1);
    expect(summary.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads a GBK CSV with Chinese headers and keeps its Chinese names', async () => {
    const [lon, lat] = shenyang.features.find((f) => f.properties.adcode === 210102)!.properties.centroid;
    const csv = iconv.encode(`编号,名称,线路,经度,纬度\nGBK-1,沈阳站（北广场）,"2路;5路",${lon},${lat}\nGBK-2,和平大街站,,${lon + 0.01},${lat}\n`, 'gbk');
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'stops-gbk.csv', content: csv, crs: 'gcj02' });
    expect(summary).toMatchObject({ rowsWritten: 2, encoding: 'gb18030' });
    const { rows } = await db.query(`SELECT code, name, routes, district_code FROM bus_stops WHERE code LIKE 'GBK-%' ORDER BY code`);
    expect(rows).toEqual([
      { code: 'GBK-1', name: '沈阳站（北广场）', routes: '2路;5路', district_code: '210102' },
      { code: 'GBK-2', name: '和平大街站', routes: null, district_code: '210102' },
    ]);
  });

  it.each([
    ['a broken coordinate', 'broken.csv', 'code,name,lon,lat\nB1,ok,123.40,41.80\nB2,bad,123.4x,41.81\n', /broken\.csv: row 3, field "geometry": lon "123\.4x" is not a coordinate: write decimal degrees/],
    ['latitude 95', 'lat95.csv', 'code,name,lon,lat\nB1,ok,123.40,41.80\nB2,bad,123.41,95\n', /lat95\.csv: row 3, field "geometry": latitude 95 is out of range/],
    ['a truncated GeoJSON', 'cut.geojson', shenyangText.slice(0, 20_000), /cut\.geojson.*cut short/s],
    ['a truncated CSV', 'cut.csv', 'code,name,lon,lat\nB1,ok,123.40,41.80\nB2,"unclosed,123.41', /cut\.csv.*could not be read/s],
  ])('refuses a file with %s, says why, and leaves nothing behind', async (_what, fileName, content, reason) => {
    const before = await db.query('SELECT (SELECT count(*) FROM bus_stops)::int AS stops, (SELECT count(*) FROM districts)::int AS districts, (SELECT max(version) FROM layer_versions)::int AS version');
    const refusal = await importFile(db, { layer: fileName.endsWith('.geojson') ? 'districts' : 'bus-stops', fileName, content, crs: 'gcj02' }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal.message).toMatch(reason);
    expect(refusal.message).toMatch(/nothing was written/);
    const after = await db.query('SELECT (SELECT count(*) FROM bus_stops)::int AS stops, (SELECT count(*) FROM districts)::int AS districts, (SELECT max(version) FROM layer_versions)::int AS version');
    expect(after.rows[0]).toEqual(before.rows[0]);
    const run = await db.query(`SELECT status, rows_refused, message FROM import_runs WHERE file_name = $1`, [fileName]);
    expect(run.rows).toHaveLength(1);
    expect(run.rows[0].status).toBe('failed');
    expect(run.rows[0].message).toMatch(reason);
  });

  it('with skipInvalid writes the good rows and returns the refused ones with reasons', async () => {
    const csv = 'code,name,lon,lat,households\nK1,ok,123.40,41.80,\nK2,swapped,41.80,123.40,\nK3,ok,123.41,41.80,\n';
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'skip.csv', content: csv, skipInvalid: true });
    expect(summary).toMatchObject({ rowsWritten: 2, rowsRefused: 1 });
    expect(summary.rejected[0].row).toBe(3);
    expect(summary.rejected[0].problems[0].message).toMatch(/look swapped/);
    expect(await count(db, "bus_stops WHERE code LIKE 'K%'")).toBe(2);
  });

  it('replace removes what the source loaded before and no longer sends', async () => {
    await importFile(db, { layer: 'bus-stops', fileName: 'r.csv', source: 'metro', content: 'code,lon,lat\nR1,123.40,41.80\nR2,123.41,41.80\n' });
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'r.csv', source: 'metro', replace: true, content: 'code,lon,lat\nR1,123.40,41.80\n' });
    expect(summary.rowsRemoved).toBe(1);
    expect((await db.query(`SELECT code FROM bus_stops WHERE source = 'metro'`)).rows).toEqual([{ code: 'R1' }]);
  });

  it('reads WKT in a CSV column and newline-delimited GeoJSON', async () => {
    const wkt = 'code,name,wkt\nW1,网格一,"POLYGON((123.40 41.80,123.41 41.80,123.41 41.81,123.40 41.81,123.40 41.80))"\n';
    expect((await importFile(db, { layer: 'grid-cells', fileName: 'grids.csv', content: wkt })).rowsWritten).toBe(1);
    const ndjson = ['{"type":"Feature","properties":{"code":"N1"},"geometry":{"type":"Point","coordinates":[123.4,41.8]}}', '{"type":"Feature","properties":{"code":"N2"},"geometry":{"type":"Point","coordinates":[123.5,41.8]}}'].join('\n');
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'stops.ndjson', content: ndjson });
    expect(summary).toMatchObject({ format: 'geojson', rowsWritten: 2 });
  });

  it('reads a zipped Shapefile with GBK attributes and a WGS84 .prj', async () => {
    const ring = [[123.40, 41.80], [123.42, 41.80], [123.42, 41.82], [123.40, 41.82], [123.40, 41.80]];
    const zip = shapefileZip([{ polygon: { type: 'Polygon', coordinates: [ring] }, properties: { 编号: 'SHP-1', 名称: '北市社区', 户数: 2800 } }], { encoding: 'gbk', prj: WGS84_PRJ });
    const summary = await importFile(db, { layer: 'communities', fileName: 'communities.zip', content: zip });
    expect(summary).toMatchObject({ format: 'shapefile', encoding: 'gb18030', rowsWritten: 1, crs: 'prj:GCS_WGS_1984' });
    const { rows } = await db.query(`SELECT name, households, ST_Area(geom::geography) AS area_m2 FROM communities WHERE code = 'SHP-1'`);
    expect(rows[0].name).toBe('北市社区');
    expect(rows[0].households).toBe(2800);
    expect(Math.abs(rows[0].area_m2 - turf.area(turf.polygon([ring]))) / rows[0].area_m2).toBeLessThan(0.005);
  });

  it('converts a projected Shapefile (.prj) and EPSG:n CSV within a metre of PostGIS ST_Transform', async () => {
    const [x0, y0] = [533_000, 4_628_000];
    const ring = [[x0, y0], [x0 + 800, y0], [x0 + 800, y0 + 600], [x0, y0 + 600], [x0, y0]];
    const zip = shapefileZip([{ polygon: { type: 'Polygon', coordinates: [ring] }, properties: { code: 'UTM-1', name: 'utm' } }], { prj: UTM51N_PRJ, cpg: 'UTF-8' });
    await importFile(db, { layer: 'communities', fileName: 'utm.zip', content: zip });
    await importFile(db, { layer: 'bus-stops', fileName: 'utm.csv', crs: 'EPSG:32651', content: `code,x,y\nUTM-S,${x0},${y0}\n` });
    const { rows } = await db.query(
      `SELECT ST_Distance(ST_PointN(ST_ExteriorRing(ST_GeometryN(c.geom, 1)), 1)::geography, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 32651), 4326)::geography) AS shp_m,
              ST_Distance(s.geom::geography, ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 32651), 4326)::geography) AS csv_m
       FROM communities c, bus_stops s WHERE c.code = 'UTM-1' AND s.code = 'UTM-S'`,
      [x0, y0],
    );
    expect(rows[0].shp_m).toBeLessThan(1);
    expect(rows[0].csv_m).toBeLessThan(1);
  });

  it('warns about data far from the rest of the city', async () => {
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'far.csv', content: 'code,lon,lat\nFAR-1,116.40,39.90\n' });
    expect(summary.warnings.join()).toMatch(/km from the bus-stops already loaded/);
  });

  it('refuses a file beyond the feature limit with a clear message', async () => {
    const refusal = await importFile(db, { layer: 'bus-stops', fileName: 'big.csv', content: 'code,lon,lat\nL1,123.4,41.8\nL2,123.4,41.8\n', limits: { maxFeatures: 1 } }).catch((e) => e);
    expect(refusal.message).toMatch(/big\.csv.*2 features; the limit is 1/s);
  });
});

describe.each(STORE_KINDS)('importing into the $name store (Seattle)', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
  }, 180_000);
  afterAll(async () => db?.dispose());

  it('reads a GTFS zip into stops with the routes that serve them', async () => {
    const zip = (await import('./support/ingest-files.js')).gtfsZip({
      'stops.txt': 'stop_id,stop_name,stop_lat,stop_lon,location_type\nS1,Pine St,47.61,-122.33,0\nS2,Pike St,47.61,-122.34,\nST,Station,47.62,-122.33,1\n',
      'routes.txt': 'route_id,route_short_name,route_type\nR10,10,3\nR49,49,3\n',
      'trips.txt': 'route_id,service_id,trip_id\nR10,wk,T1\nR49,wk,T2\n',
      'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:00:00,08:00:00,S1,1\nT1,08:05:00,08:05:00,S2,2\nT2,09:00:00,09:00:00,S1,1\n',
    });
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'feed.zip', content: zip, source: 'gtfs-test' });
    expect(summary).toMatchObject({ format: 'gtfs', rowsRead: 2, rowsWritten: 2 });
    expect((await db.query(`SELECT code, routes FROM bus_stops WHERE source = 'gtfs-test' ORDER BY code`)).rows).toEqual([
      { code: 'S1', routes: '10; 49' },
      { code: 'S2', routes: '10' },
    ]);
    await db.query(`DELETE FROM bus_stops WHERE source = 'gtfs-test'`);
  });

  it('gives each census tract a 500 m stop coverage within 2 points of Turf', async () => {
    const tractsText = fs.readFileSync(path.join(REAL, 'seattle-census-tracts.geojson'), 'utf8');
    const stopsText = fs.readFileSync(path.join(REAL, 'seattle-king-county-metro-stops.txt'));
    expect((await importFile(db, { layer: 'communities', fileName: 'seattle-census-tracts.geojson', content: tractsText, fieldMap: { code: 'geoid' } })).rowsWritten).toBe(136);
    const stops = await importFile(db, { layer: 'bus-stops', fileName: 'stops.txt', content: stopsText });
    expect(stops).toMatchObject({ format: 'gtfs', rowsWritten: 259 });

    // The hub's side, computed by PostGIS in the store's metric SRID.
    const { rows } = await db.query<{ code: string; share: number }>(
      `WITH cover AS (SELECT ST_Union(ST_Buffer(geom_m, 500, 32)) AS g FROM bus_stops)
       SELECT c.code, ST_Area(ST_Intersection(c.geom_m, cover.g)) / ST_Area(c.geom_m) AS share FROM communities c, cover`,
    );
    // Turf's side, from the original files.
    const stopLines = stopsText.toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const circles = stopLines.map((c) => turf.circle([Number(c[5]), Number(c[4])], 500, { units: 'meters', steps: 64 }));
    const covered = turf.union(turf.featureCollection(circles))!;
    const tracts = JSON.parse(tractsText).features as Feature<Polygon | MultiPolygon, { geoid: string }>[];
    let worst = 0;
    let uncovered = 0;
    for (const tract of tracts) {
      const inside = turf.intersect(turf.featureCollection([tract, covered]));
      const expected = inside ? turf.area(inside) / turf.area(tract) : 0;
      const actual = rows.find((r) => r.code === tract.properties.geoid)!.share;
      worst = Math.max(worst, Math.abs(actual - expected));
      if (expected < 0.01) uncovered++;
    }
    expect(worst).toBeLessThan(0.02);
    expect(uncovered).toBeGreaterThan(0); // the real gap: the stops cover only part of the city
  }, 300_000);
});
