// The first importer: GeoJSON and CSV land whole or not at all, GCJ-02 is converted, links are computed.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import gcoord from 'gcoord';
import { importFile } from '../server/ingest/import.service.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { STORE_KINDS } from './support/stores.js';

const shenyang = fs.readFileSync(path.resolve(__dirname, '../data-sources/shenyang-districts.gcj02.geojson'), 'utf8');

describe.each(STORE_KINDS)('import into the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
  }, 120_000);
  afterAll(async () => db?.dispose());

  it('converts the GCJ-02 Shenyang districts to WGS84 within a metre of gcoord', async () => {
    const summary = await importFile(db, { layer: 'districts', fileName: 'shenyang.geojson', content: shenyang, crs: 'gcj02', fieldMap: { code: 'adcode' } });
    expect(summary.rowsWritten).toBe(13);
    const first = JSON.parse(shenyang).features[0];
    const [lon, lat] = first.geometry.coordinates[0][0][0];
    const [expectedLon, expectedLat] = gcoord.transform([lon, lat], gcoord.GCJ02, gcoord.WGS84);
    const { rows } = await db.query(
      `SELECT ST_Distance(ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) AS metres
       FROM districts WHERE code = $1`,
      [String(first.properties.adcode), expectedLon, expectedLat],
    );
    expect(rows[0].metres).toBeLessThan(1);
  });

  it('re-importing the same file changes nothing', async () => {
    const summary = await importFile(db, { layer: 'districts', fileName: 'shenyang.geojson', content: shenyang, crs: 'gcj02', fieldMap: { code: 'adcode' } });
    expect(summary.rowsWritten).toBe(0);
  });

  it('links a bus stop from a CSV to the district that contains it', async () => {
    // The data file's own centroid of 和平区 (210102), in GCJ-02 like the boundary.
    const [lon, lat] = JSON.parse(shenyang).features.find((f: { properties: { adcode: number } }) => f.properties.adcode === 210102).properties.centroid;
    const csv = `编号,名称,经度,纬度\nS1,和平站,${lon},${lat}\n`;
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: csv, crs: 'gcj02' });
    expect(summary.rowsWritten).toBe(1);
    const { rows } = await db.query(`SELECT name, district_code FROM bus_stops WHERE code = 'S1'`);
    expect(rows[0]).toEqual({ name: '和平站', district_code: '210102' });
  });

  it('refuses a CSV with one latitude of 95, naming the row, and writes nothing', async () => {
    const csv = 'code,name,lon,lat\nA,ok,123.4,41.8\nB,bad,123.5,95\n';
    const refusal = await importFile(db, { layer: 'cameras', fileName: 'cams.csv', content: csv }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal.message).toMatch(/cams\.csv: row 3, field "geometry"/);
    const { rows } = await db.query('SELECT count(*)::int AS n FROM cameras');
    expect(rows[0].n).toBe(0);
  });

  it('refuses a truncated GeoJSON file and writes nothing', async () => {
    const refusal = await importFile(db, { layer: 'districts', fileName: 'cut.geojson', content: shenyang.slice(0, 5000), crs: 'gcj02' }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal.message).toMatch(/cut\.geojson/);
  });

  it('repairs a self-intersecting polygon and reports the repair', async () => {
    const bowtie = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'C1', name: '蝴蝶' }, geometry: { type: 'Polygon', coordinates: [[[123.40, 41.80], [123.41, 41.81], [123.41, 41.80], [123.40, 41.81], [123.40, 41.80]]] } }] };
    const summary = await importFile(db, { layer: 'communities', fileName: 'bowtie.geojson', content: JSON.stringify(bowtie) });
    expect(summary.rowsRepaired).toBe(1);
    const { rows } = await db.query(`SELECT ST_IsValid(geom) AS valid, ST_NumGeometries(geom) AS parts FROM communities WHERE code = 'C1'`);
    expect(rows[0]).toEqual({ valid: true, parts: 2 });
  });
});
