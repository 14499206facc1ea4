// Builds files for importer tests: zipped Shapefiles (polygons, DBF in any encoding) and GTFS feeds, written here by hand.
import AdmZip from 'adm-zip';
import iconv from 'iconv-lite';
import type { Polygon, Position } from 'geojson';

export interface ShapefileFeature {
  polygon: Polygon;
  properties: Record<string, string | number>;
}

/** Signed area > 0 for counter-clockwise rings (x east, y north). */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum / 2;
}

/** A .shp of polygons: the spec wants outer rings clockwise, holes counter-clockwise. */
function shp(features: ShapefileFeature[]): Buffer {
  const records = features.map((feature, index) => {
    const rings = feature.polygon.coordinates.map((ring, r) => {
      const clockwise = signedArea(ring) < 0;
      return (r === 0) === clockwise ? ring : [...ring].reverse();
    });
    const points = rings.flat();
    const content = Buffer.alloc(44 + 4 * rings.length + 16 * points.length);
    content.writeInt32LE(5, 0);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((v, i) => content.writeDoubleLE(v, 4 + 8 * i));
    content.writeInt32LE(rings.length, 36);
    content.writeInt32LE(points.length, 40);
    let start = 0;
    rings.forEach((ring, i) => {
      content.writeInt32LE(start, 44 + 4 * i);
      start += ring.length;
    });
    points.forEach((p, i) => {
      content.writeDoubleLE(p[0], 44 + 4 * rings.length + 16 * i);
      content.writeDoubleLE(p[1], 44 + 4 * rings.length + 16 * i + 8);
    });
    const header = Buffer.alloc(8);
    header.writeInt32BE(index + 1, 0);
    header.writeInt32BE(content.length / 2, 4);
    return Buffer.concat([header, content]);
  });
  const body = Buffer.concat(records);
  const all = features.flatMap((f) => f.polygon.coordinates.flat());
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE((100 + body.length) / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))].forEach((v, i) => header.writeDoubleLE(v, 36 + 8 * i));
  return Buffer.concat([header, body]);
}

/** A dBASE III table of text (C) and number (N) fields, its text and field names in `encoding`. */
function dbf(features: ShapefileFeature[], encoding: string, ldid = 0): Buffer {
  const names = Object.keys(features[0].properties);
  const fields = names.map((name) => {
    const numeric = typeof features[0].properties[name] === 'number';
    const length = Math.min(254, Math.max(10, ...features.map((f) => iconv.encode(String(f.properties[name]), encoding).length)));
    return { name, numeric, length };
  });
  const recordLength = 1 + fields.reduce((sum, f) => sum + f.length, 0);
  const headerLength = 32 + 32 * fields.length + 1;
  const header = Buffer.alloc(headerLength);
  header[0] = 0x03;
  header.writeUInt32LE(features.length, 4);
  header.writeUInt16LE(headerLength, 8);
  header.writeUInt16LE(recordLength, 10);
  header[29] = ldid;
  fields.forEach((field, i) => {
    iconv.encode(field.name, encoding).copy(header, 32 + 32 * i, 0, 10);
    header[32 + 32 * i + 11] = (field.numeric ? 'N' : 'C').charCodeAt(0);
    header[32 + 32 * i + 16] = field.length;
  });
  header[headerLength - 1] = 0x0d;
  const records = features.map((feature) => {
    const record = Buffer.alloc(recordLength, 0x20);
    let offset = 1;
    for (const field of fields) {
      const value = iconv.encode(String(feature.properties[field.name]), encoding);
      (field.numeric ? Buffer.concat([Buffer.alloc(Math.max(0, field.length - value.length), 0x20), value]) : value).copy(record, offset, 0, field.length);
      offset += field.length;
    }
    return record;
  });
  return Buffer.concat([header, ...records, Buffer.from([0x1a])]);
}

export const WGS84_PRJ = 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
export const UTM51N_PRJ = 'PROJCS["WGS_1984_UTM_Zone_51N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",123.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

export function shapefileZip(features: ShapefileFeature[], options: { encoding?: string; prj?: string; cpg?: string; ldid?: number } = {}): Buffer {
  const zip = new AdmZip();
  zip.addFile('layer.shp', shp(features));
  zip.addFile('layer.dbf', dbf(features, options.encoding ?? 'utf-8', options.ldid));
  if (options.prj) zip.addFile('layer.prj', Buffer.from(options.prj));
  if (options.cpg) zip.addFile('layer.cpg', Buffer.from(options.cpg));
  return zip.toBuffer();
}

export function gtfsZip(files: Record<string, string>): Buffer {
  const zip = new AdmZip();
  for (const [name, text] of Object.entries(files)) zip.addFile(name, Buffer.from(text, 'utf8'));
  return zip.toBuffer();
}

/** Well-Known Binary of a point or polygon, written field by field (byte order byte, type, counts, doubles). */
export function wkb(geometry: { type: 'Point'; coordinates: Position } | Polygon, littleEndian = true): Buffer {
  const parts: Buffer[] = [];
  const uint32 = (n: number) => {
    const b = Buffer.alloc(4);
    if (littleEndian) b.writeUInt32LE(n);
    else b.writeUInt32BE(n);
    parts.push(b);
  };
  const double = (n: number) => {
    const b = Buffer.alloc(8);
    if (littleEndian) b.writeDoubleLE(n);
    else b.writeDoubleBE(n);
    parts.push(b);
  };
  parts.push(Buffer.from([littleEndian ? 1 : 0]));
  if (geometry.type === 'Point') {
    uint32(1);
    geometry.coordinates.slice(0, 2).forEach(double);
  } else {
    uint32(3);
    uint32(geometry.coordinates.length);
    for (const ring of geometry.coordinates) {
      uint32(ring.length);
      for (const p of ring) p.slice(0, 2).forEach(double);
    }
  }
  return Buffer.concat(parts);
}

/** A GeoPackage geometry blob: "GP", version 0, flags (header byte order, envelope [minx, maxx, miny, maxy]), srs_id, WKB. */
export function geoPackageGeometry(geometry: Parameters<typeof wkb>[0], srsId: number, littleEndian = true): Buffer {
  const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates.flat();
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  const header = Buffer.alloc(8 + 32);
  header.write('GP', 0, 'latin1');
  header[2] = 0;
  header[3] = (1 << 1) | (littleEndian ? 1 : 0);
  const write = (n: number, at: number) => (littleEndian ? header.writeDoubleLE(n, at) : header.writeDoubleBE(n, at));
  if (littleEndian) header.writeInt32LE(srsId, 4);
  else header.writeInt32BE(srsId, 4);
  [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)].forEach((v, i) => write(v, 8 + 8 * i));
  return Buffer.concat([header, wkb(geometry, littleEndian)]);
}

export interface GeoPackageTable {
  name: string;
  srs: { id: number; organization: string; code: number; definition: string };
  features: { properties: Record<string, string | number | null>; geometry: Parameters<typeof wkb>[0] | null; bigEndian?: boolean }[];
}

/** A GeoPackage with the standard's three metadata tables and one feature table per entry, through SQLite (sql.js). */
export async function geoPackage(tables: GeoPackageTable[]): Promise<Buffer> {
  const { default: initSqlJs } = await import('sql.js');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
    organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)`);
  db.run(`CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
    last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER)`);
  db.run(`CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
    srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name))`);
  db.run(`INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL), ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL)`);
  for (const table of tables) {
    db.run('INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, NULL)', [table.srs.organization + ':' + table.srs.code, table.srs.id, table.srs.organization, table.srs.code, table.srs.definition]);
    db.run(`INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, ?)`, [table.name, table.name, table.srs.id]);
    db.run(`INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'GEOMETRY', ?, 0, 0)`, [table.name, table.srs.id]);
    const columns = Object.keys(table.features[0].properties);
    db.run(`CREATE TABLE "${table.name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, ${columns.map((c) => `"${c}"`).join(', ')})`);
    for (const feature of table.features) {
      const blob = feature.geometry ? geoPackageGeometry(feature.geometry, table.srs.id, !feature.bigEndian) : null;
      db.run(`INSERT INTO "${table.name}" (geom, ${columns.map((c) => `"${c}"`).join(', ')}) VALUES (?, ${columns.map(() => '?').join(', ')})`, [blob, ...columns.map((c) => feature.properties[c])]);
    }
  }
  const bytes = Buffer.from(db.export());
  db.close();
  return bytes;
}
