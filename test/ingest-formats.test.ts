// The formats data stewards send (xlsx, KML/KMZ, GeoPackage, UTF-16 tab text) and the messages of the table readers.
import AdmZip from 'adm-zip';
import iconv from 'iconv-lite';
import writeXlsxFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readDegrees } from '../server/ingest/degrees.js';
import { detectFormat } from '../server/ingest/formats.js';
import { readImportFile } from '../server/ingest/read-file.js';
import { ImportRefusedError } from '../server/ingest/rows.js';
import { geoPackage } from './support/ingest-files.js';

const read = (content: Buffer | string, fileName: string, options: Parameters<typeof readImportFile>[2] = {}) =>
  readImportFile(typeof content === 'string' ? Buffer.from(content, 'utf8') : content, fileName, options);
const refusalOf = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as ImportRefusedError);

describe('coordinates as spreadsheets write them', () => {
  it('reads degrees, minutes and seconds in the usual marks and hemispheres', () => {
    expect(readDegrees('123°25′30″')).toEqual({ value: 123 + 25 / 60 + 30 / 3600 });
    expect(readDegrees(`123°25'30"E`)).toEqual({ value: 123 + 25 / 60 + 30 / 3600 });
    expect(readDegrees('41度48分33.6秒')).toEqual({ value: 41 + 48 / 60 + 33.6 / 3600 });
    expect(readDegrees('北纬41°48.56′')).toEqual({ value: 41 + 48.56 / 60 });
    expect(readDegrees('73°58′W')).toEqual({ value: -(73 + 58 / 60) });
    expect(readDegrees(' 123.425 ')).toEqual({ value: 123.425 });
    expect(readDegrees(123.425)).toEqual({ value: 123.425 });
    expect(readDegrees('')).toEqual({ empty: true });
    expect(readDegrees('123°75′')).toEqual({ unreadable: '123°75′' });
    expect(readDegrees('东边')).toEqual({ unreadable: '东边' });
  });
});

describe('CSV and tab-separated text', () => {
  it('skips the blank rows Excel and WPS leave at the end, says how many, and keeps the other rows numbered', async () => {
    const file = await read('code,name,lon,lat,routes\nS1,北站,123.40,41.80,1路\n,,,,\nS2,南站,123.41,41.81,2路\n,,,,\n , , , , \n', 'stops.csv');
    expect(file.rows.map((r) => [r.row, r.properties.code])).toEqual([[2, 'S1'], [4, 'S2']]);
    expect(file.notes).toContain('3 empty row(s) skipped (row 3, 5, 6)');
  });

  it('skips blank rows in a quoted file too (the csv-parse path)', async () => {
    const file = await read('code,name,lon,lat\n"S1","北站",123.40,41.80\n,,,\n', 'quoted.csv');
    expect(file.rows.map((r) => r.properties.code)).toEqual(['S1']);
    expect(file.notes).toContain('1 empty row(s) skipped (row 3)');
  });

  it("reads Excel's Unicode text: UTF-16 with a byte-order mark, tab-separated, Chinese headers", async () => {
    const text = '编号\t名称\t经度\t纬度\r\nS1\t北站\t123.40\t41.80\r\nS2\t南站\t123°25′30″\t41.81\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    expect(detectFormat('stops.txt', bytes)).toBe('csv');
    const file = await read(bytes, 'stops.txt');
    expect(file.encoding).toBe('utf-16le');
    expect(file.rows.map((r) => [r.properties['名称'], r.geometry])).toEqual([
      ['北站', { type: 'Point', coordinates: [123.4, 41.8] }],
      ['南站', { type: 'Point', coordinates: [123 + 25 / 60 + 30 / 3600, 41.81] }],
    ]);
  });

  it('names an empty or unreadable coordinate by its own column', async () => {
    const file = await read('编号,名称,经度,纬度\nS1,北站,,41.809\nS2,南站,东边,41.8\nS3,西站,,\n', 'stops.csv');
    expect(file.rows.map((r) => r.geometryProblem)).toEqual([
      '经度 is empty',
      '经度 "东边" is not a coordinate: write decimal degrees (123.425) or degrees, minutes and seconds (123°25′30″, 123度25分30秒)',
      '经度 and 纬度 are empty',
    ]);
  });

  it('takes the WKT column over the label point of a polygon (as the hub writes its own CSV)', async () => {
    const file = await read('code,name,lon,lat,wkt\nC1,北市社区,123.315,41.715,"MULTIPOLYGON(((123.31 41.71,123.32 41.71,123.32 41.72,123.31 41.72,123.31 41.71)))"\n', 'c.csv');
    expect(file.rows[0].geometry).toEqual({ type: 'MultiPolygon', coordinates: [[[[123.31, 41.71], [123.32, 41.71], [123.32, 41.72], [123.31, 41.72], [123.31, 41.71]]]] });
  });

  it('keeps lon/lat when a column named like geometry holds no WKT', async () => {
    const file = await read('code,lon,lat,shape\nK1,123.4,41.8,半球\n', 'k.csv');
    expect(file.rows[0].geometry).toEqual({ type: 'Point', coordinates: [123.4, 41.8] });
  });
});

describe('Excel workbooks', () => {
  const workbook = () => writeXlsxFile([
    { sheet: '公交站', data: [
      [{ value: '编号' }, { value: '名称' }, { value: '经度' }, { value: '纬度' }],
      [{ value: 'S1' }, { value: '北站' }, { value: 123.4, type: Number }, { value: 41.8, type: Number }],
      [null, null, null, null],
      [{ value: 'S2' }, { value: '南站' }, { value: '123°25′30″' }, { value: '41°48′' }],
    ] },
    { sheet: '摄像头', data: [
      [{ value: 'code' }, { value: 'lon' }, { value: 'lat' }, { value: 'installed' }],
      [{ value: 'K1' }, { value: 123.5, type: Number }, { value: 41.9, type: Number }, { value: new Date(Date.UTC(2024, 4, 17)), type: Date, format: 'yyyy-mm-dd' }],
    ] },
  ]).toBuffer();

  it('is recognised by its content and reads the first sheet, numbering rows as the spreadsheet does', async () => {
    const bytes = await workbook();
    expect(detectFormat('stops.bin', bytes, () => new AdmZip(bytes).getEntries().map((e) => e.entryName))).toBe('xlsx');
    const file = await read(bytes, 'stops.xlsx');
    expect(file.format).toBe('xlsx');
    expect(file.rows.map((r) => [r.row, r.properties['编号'], r.geometry])).toEqual([
      [2, 'S1', { type: 'Point', coordinates: [123.4, 41.8] }],
      [4, 'S2', { type: 'Point', coordinates: [123 + 25 / 60 + 30 / 3600, 41.8] }],
    ]);
    expect(file.notes).toContain('read sheet "公交站" of 2 (公交站, 摄像头); choose another with --sheet');
  });

  it('reads the sheet named by --sheet, dates as YYYY-MM-DD', async () => {
    const file = await read(await workbook(), 'list.xlsx', { sheet: '摄像头' });
    expect(file.rows.map((r) => r.properties)).toEqual([{ code: 'K1', lon: 123.5, lat: 41.9, installed: '2024-05-17' }]);
  });

  it('refuses a sheet it does not have, naming those it has', async () => {
    const refusal = await refusalOf(read(await workbook(), 'list.xlsx', { sheet: 'Sheet1' }));
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal!.message).toMatch(/list\.xlsx: row 0: the workbook has no sheet "Sheet1" \(its sheets: 公交站, 摄像头\)/);
  });
});

const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>公交站</name>
  <Placemark id="S1"><name>北站</name><ExtendedData><Data name="routes"><value>1路</value></Data></ExtendedData>
    <Point><coordinates>123.40,41.80,0</coordinates></Point></Placemark>
  <Placemark><name>北市社区</name><MultiGeometry>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>123.31,41.71 123.32,41.71 123.32,41.72 123.31,41.71</coordinates></LinearRing></outerBoundaryIs></Polygon>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>123.33,41.71 123.34,41.71 123.34,41.72 123.33,41.71</coordinates></LinearRing></outerBoundaryIs></Polygon>
  </MultiGeometry></Placemark>
</Document></kml>`;

describe('KML and KMZ', () => {
  it('reads placemarks: names, extended data, the id as a code, a MultiGeometry of polygons as a MultiPolygon', async () => {
    const file = await read(KML, 'stops.kml');
    expect(file.format).toBe('kml');
    expect(file.rows[0]).toMatchObject({ row: 1, geometry: { type: 'Point', coordinates: [123.4, 41.8, 0] }, properties: { name: '北站', routes: '1路', id: 'S1' } });
    expect(file.rows[1].geometry).toEqual({ type: 'MultiPolygon', coordinates: [
      [[[123.31, 41.71], [123.32, 41.71], [123.32, 41.72], [123.31, 41.71]]],
      [[[123.33, 41.71], [123.34, 41.71], [123.34, 41.72], [123.33, 41.71]]],
    ] });
  });

  it('reads the doc.kml of a KMZ', async () => {
    const zip = new AdmZip();
    zip.addFile('doc.kml', Buffer.from(KML, 'utf8'));
    const bytes = zip.toBuffer();
    expect(detectFormat('stops.kmz', bytes, () => ['doc.kml'])).toBe('kml');
    expect((await read(bytes, 'stops.kmz')).rows).toHaveLength(2);
  });

  it('refuses a cut-short KML with a sentence, not a CSV parser error', async () => {
    const refusal = await refusalOf(read(KML.slice(0, 200), 'cut.kml'));
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal!.message).toMatch(/cut\.kml: row 0: the KML could not be read .*cut short/);
    expect(refusal!.message).not.toMatch(/Quote/);
  });
});

const UTM51N = 'PROJCS["WGS 84 / UTM zone 51N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",123],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1]]';

describe('GeoPackage', () => {
  const square = [[[123.31, 41.71], [123.32, 41.71], [123.32, 41.72], [123.31, 41.72], [123.31, 41.71]]];
  const gpkg = () => geoPackage([
    { name: 'communities', srs: { id: 4326, organization: 'EPSG', code: 4326, definition: 'GEOGCS["WGS 84"]' }, features: [
      { properties: { code: 'C1', name: '北市社区', households: 2000 }, geometry: { type: 'Polygon', coordinates: square } },
      { properties: { code: 'C2', name: '五里河社区', households: null }, geometry: { type: 'Polygon', coordinates: square }, bigEndian: true },
      { properties: { code: 'C3', name: '空社区', households: 1 }, geometry: null },
    ] },
    { name: 'stops_utm', srs: { id: 32651, organization: 'EPSG', code: 32651, definition: UTM51N }, features: [
      { properties: { code: 'S1', name: '北站' }, geometry: { type: 'Point', coordinates: [500000, 4620000] } },
    ] },
  ]);

  it('reads the first feature table: attributes, geometries after the GP header (either byte order), its EPSG system', async () => {
    const bytes = await gpkg();
    expect(detectFormat('layer.gpkg', bytes)).toBe('gpkg');
    const file = await read(bytes, 'layer.gpkg');
    expect(file.format).toBe('gpkg');
    expect(file.crs).toBe('EPSG:4326');
    expect(file.rows.map((r) => [r.row, r.properties.code, r.properties.households, r.geometry])).toEqual([
      [1, 'C1', 2000, { type: 'Polygon', coordinates: square }],
      [2, 'C2', null, { type: 'Polygon', coordinates: square }],
      [3, 'C3', 1, null],
    ]);
    expect(file.notes[0]).toBe('read table "communities" of 2 (communities, stops_utm); choose another with --sheet');
  });

  it('reads another table by name, with its projected system', async () => {
    const file = await read(await gpkg(), 'layer.gpkg', { sheet: 'stops_utm' });
    expect(file.crs).toBe('EPSG:32651');
    expect(file.rows[0].geometry).toEqual({ type: 'Point', coordinates: [500000, 4620000] });
  });

  it('refuses a SQLite file that is not a GeoPackage in one sentence, without its bytes', async () => {
    const { default: initSqlJs } = await import('sql.js');
    const db = new (await initSqlJs()).Database();
    db.run('CREATE TABLE t (a TEXT)');
    const bytes = Buffer.from(db.export());
    const refusal = await refusalOf(read(bytes, 'notes.db'));
    expect(refusal!.message).toMatch(/notes\.db: row 0: is a SQLite database but not a GeoPackage/);
    expect(refusal!.message.length).toBeLessThan(500);
  });
});

describe('files the importer does not read', () => {
  it.each([
    ['an old .xls workbook', 'list.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(5000, 1)]), /Excel 97–2003 workbook.*Save it in Excel or WPS as \.xlsx/s],
    ['a bare .shp', 'layer.shp', Buffer.concat([Buffer.from([0, 0, 0x27, 0x0a]), Buffer.alloc(40_000, 0)]), /first bytes are not text/],
    ['a GPX track', 'track.gpx', Buffer.from('<?xml version="1.0"?><gpx version="1.1"></gpx>'), /is XML but not KML/],
  ])('refuses %s in a short message that says which formats are read', async (_what, fileName, bytes, reason) => {
    const refusal = await refusalOf(read(bytes, fileName));
    expect(refusal).toBeInstanceOf(ImportRefusedError);
    expect(refusal!.message).toMatch(reason);
    expect(refusal!.message).toMatch(/The importer reads GeoJSON .*, Excel \.xlsx, KML or KMZ, GeoPackage \(\.gpkg\), a zipped Shapefile, and a GTFS feed or its stops\.txt\./);
    expect(refusal!.message.length).toBeLessThan(700);
  });
});

describe('damaged files of the new formats', () => {
  it('reads or refuses 100 cut or scrambled copies of each, always with a short ImportRefusedError', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const kmz = new AdmZip();
    kmz.addFile('doc.kml', Buffer.from(KML, 'utf8'));
    const originals: [string, Buffer][] = [
      ['a.xlsx', await writeXlsxFile([[{ value: '经度' }, { value: '纬度' }], [{ value: 123.4, type: Number }, { value: 41.8, type: Number }]]).toBuffer()],
      ['a.kml', Buffer.from(KML, 'utf8')],
      ['a.kmz', kmz.toBuffer()],
      ['a.gpkg', await geoPackage([{ name: 't', srs: { id: 4326, organization: 'EPSG', code: 4326, definition: 'GEOGCS["WGS 84"]' }, features: [{ properties: { code: 'a' }, geometry: { type: 'Point', coordinates: [123.4, 41.8] } }] }])],
      ['a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('编号\t经度\t纬度\r\nA\t123.4\t41.8\r\n', 'utf-16le')])],
    ];
    const unexpected: string[] = [];
    for (const [fileName, original] of originals) {
      for (let i = 0; i < 100; i++) {
        let bytes = Buffer.from(original);
        if (random() < 0.5) bytes = bytes.subarray(0, Math.floor(random() * bytes.length));
        else for (let k = 0; k < 1 + random() * 20; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
        const error = await refusalOf(read(bytes, fileName));
        if (error !== undefined && (!(error instanceof ImportRefusedError) || error.message.length > 1500)) unexpected.push(`${fileName} #${i}: ${String(error).slice(0, 200)}`);
      }
    }
    expect(unexpected).toEqual([]);
  });
});
