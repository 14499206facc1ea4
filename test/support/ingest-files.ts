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
