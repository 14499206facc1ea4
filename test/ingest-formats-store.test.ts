// Stewards' files through the importer into both stores: blank rows, a list with no codes, GeoPackage and KML systems.
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../server/ingest/import.service.js';
import { summaryLines } from '../server/ingest/report.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { STORE_KINDS } from './support/stores.js';
import { geoPackage } from './support/ingest-files.js';

const UTM51N = '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs';

describe.each(STORE_KINDS)('stewards\' files into the $name store', (kind) => {
  let db: Awaited<ReturnType<typeof kind.open>>;
  beforeAll(async () => {
    db = await kind.open();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it('writes a CSV whose last rows are blank and says how many it skipped', async () => {
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'blank.csv', content: '编号,名称,经度,纬度\nB1,北站,123.40,41.80\nB2,南站,123.41,41.81\n,,,\n,,,\n' });
    expect([summary.rowsRead, summary.rowsWritten, summary.rowsRefused]).toEqual([2, 2, 0]);
    expect(summaryLines(summary)).toContain('  note: 2 empty row(s) skipped (row 4, 5)');
  });

  it('refuses a list with no code column once, naming --map and --generate-codes, and writes nothing', async () => {
    const content = '名称,经度,纬度\n北站,123.40,41.80\n南站,123°25′30″,41.81\n';
    const refusal = await importFile(db, { layer: 'bus-stops', fileName: 'nocode.csv', content }).catch((e) => e);
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal.problems).toHaveLength(1);
    expect(refusal.message).toMatch(/nocode\.csv: row 1, field "code": the bus-stops layer needs a code for every record, and the file has no such column \(looked for: code, id, 编号, 编码, 代码, adcode; its columns are: 名称, 经度, 纬度\)/);
    expect(refusal.message).toMatch(/--map code=COLUMN, or let the importer number the rows \(nocode-2, nocode-3, …\) with --generate-codes/);
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM bus_stops WHERE source = 'nocode'`);
    expect(rows[0].n).toBe(0);
  });

  it('with generateCodes numbers the rows <source>-<row>, reads DMS, and a re-import changes nothing', async () => {
    const content = '名称,经度,纬度\n北站,123.40,41.80\n南站,123°25′30″,41°48′36″\n';
    const first = await importFile(db, { layer: 'bus-stops', fileName: 'nocode.csv', content, generateCodes: true });
    expect(first.rowsWritten).toBe(2);
    const { rows } = await db.query(`SELECT code, name, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM bus_stops WHERE source = 'nocode' ORDER BY code`);
    expect(rows.map((r) => r.code)).toEqual(['nocode-2', 'nocode-3']);
    expect(Number(rows[1].lon)).toBeCloseTo(123 + 25 / 60 + 30 / 3600, 9);
    expect(Number(rows[1].lat)).toBeCloseTo(41 + 48 / 60 + 36 / 3600, 9);
    const again = await importFile(db, { layer: 'bus-stops', fileName: 'nocode.csv', content, generateCodes: true });
    expect([again.rowsWritten, again.rowsUnchanged]).toEqual([0, 2]);
  });

  it('converts a GeoPackage in UTM 51N by its own SRS table, within a centimetre of proj4\'s inverse', async () => {
    const points = [[500000, 4620000], [512345.6, 4631000.25]];
    const bytes = await geoPackage([{ name: 'stops', srs: { id: 32651, organization: 'EPSG', code: 32651, definition: 'PROJCS["WGS 84 / UTM zone 51N"]' }, features: points.map(([x, y], i) => ({
      properties: { code: `U${i + 1}`, name: `站${i + 1}` }, geometry: { type: 'Point' as const, coordinates: [x, y] },
    })) }]);
    const summary = await importFile(db, { layer: 'bus-stops', fileName: 'stops.gpkg', content: bytes });
    expect([summary.format, summary.crs, summary.rowsWritten]).toEqual(['gpkg', 'EPSG:32651', 2]);
    const { rows } = await db.query(`SELECT code, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM bus_stops WHERE source = 'stops' ORDER BY code`);
    rows.forEach((r, i) => {
      const [lon, lat] = proj4(UTM51N, 'EPSG:4326', points[i]);
      // 1e-7 degrees is about a centimetre here.
      expect(Math.abs(Number(r.lon) - lon)).toBeLessThan(1e-7);
      expect(Math.abs(Number(r.lat) - lat)).toBeLessThan(1e-7);
    });
  });

  it('imports KML placemarks into a polygon layer and a point layer', async () => {
    const kml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;
    const polygon = await importFile(db, { layer: 'districts', fileName: 'd.kml', content: kml(`<Placemark id="210102"><name>和平区</name><Polygon><outerBoundaryIs><LinearRing>
      <coordinates>123.30,41.70,0 123.40,41.70,0 123.40,41.80,0 123.30,41.80,0 123.30,41.70,0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`) });
    expect(polygon.rowsWritten).toBe(1);
    const { rows } = await db.query(`SELECT code, name FROM districts WHERE source = 'd'`);
    expect(rows[0]).toMatchObject({ code: '210102', name: '和平区' });
    const stops = await importFile(db, { layer: 'bus-stops', fileName: 'k.kml', content: kml('<Placemark><name>北站</name><Point><coordinates>123.35,41.75</coordinates></Point></Placemark>'), generateCodes: true });
    expect(stops.rowsWritten).toBe(1);
    const linked = await db.query(`SELECT code, district_code FROM bus_stops WHERE source = 'k'`);
    expect(linked.rows).toEqual([{ code: 'k-1', district_code: '210102' }]);
  });
});
