// Reads Well-Known Binary (ISO and PostGIS's extended form, either byte order) into GeoJSON geometries, for GeoPackage.
import type { Geometry, Position } from 'geojson';

class WkbReader {
  private offset: number;
  constructor(private readonly view: DataView, offset: number) {
    this.offset = offset;
  }

  geometry(): Geometry {
    const little = this.view.getUint8(this.offset) === 1;
    this.offset += 1;
    const raw = this.view.getUint32(this.offset, little);
    this.offset += 4;
    // ISO WKB adds 1000 (Z), 2000 (M), 3000 (ZM) to the type; the extended form sets high bits (and may carry an SRID).
    let hasZ = (raw & 0x80000000) !== 0;
    let hasM = (raw & 0x40000000) !== 0;
    if (raw & 0x20000000) this.offset += 4;
    const iso = raw & 0x0fffffff;
    const base = iso % 1000;
    const dimension = Math.floor(iso / 1000);
    if (dimension === 1 || dimension === 3) hasZ = true;
    if (dimension === 2 || dimension === 3) hasM = true;
    const size = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
    const position = (): Position => {
      const x = this.view.getFloat64(this.offset, little);
      const y = this.view.getFloat64(this.offset + 8, little);
      const z = hasZ ? this.view.getFloat64(this.offset + 16, little) : undefined;
      this.offset += 8 * size;
      return z === undefined ? [x, y] : [x, y, z];
    };
    const count = () => {
      const n = this.view.getUint32(this.offset, little);
      this.offset += 4;
      return n;
    };
    const line = () => Array.from({ length: count() }, position);
    const rings = () => Array.from({ length: count() }, line);
    const members = () => Array.from({ length: count() }, () => this.geometry());
    switch (base) {
      case 1:
        return { type: 'Point', coordinates: position() };
      case 2:
        return { type: 'LineString', coordinates: line() };
      case 3:
        return { type: 'Polygon', coordinates: rings() };
      case 4:
        return { type: 'MultiPoint', coordinates: members().map((g) => (g as { coordinates: Position }).coordinates) };
      case 5:
        return { type: 'MultiLineString', coordinates: members().map((g) => (g as { coordinates: Position[] }).coordinates) };
      case 6:
        return { type: 'MultiPolygon', coordinates: members().map((g) => (g as { coordinates: Position[][] }).coordinates) };
      case 7:
        return { type: 'GeometryCollection', geometries: members() };
      default:
        throw new Error(`WKB geometry type ${raw} is not one this importer reads (points, lines, polygons and their collections)`);
    }
  }
}

/** The geometry in `bytes` from `offset`; an empty point (NaN, NaN) is null. */
export function readWkb(bytes: Uint8Array, offset = 0): Geometry | null {
  const geometry = new WkbReader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset).geometry();
  if (geometry.type === 'Point' && geometry.coordinates.every((n) => Number.isNaN(n))) return null;
  return geometry;
}

/** Bytes of envelope after the 8-byte header, by the envelope indicator (flags bits 1–3). */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/**
 * A GeoPackage geometry blob: "GP", a version, flags (byte order of the header, envelope kind, empty), the srs_id,
 * the envelope, then standard WKB. Returns the geometry (null when the blob says it is empty) and the blob's srs_id.
 */
export function readGeoPackageGeometry(blob: Uint8Array): { geometry: Geometry | null; srsId: number } {
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) throw new Error('the geometry does not start with the GeoPackage header "GP"');
  const flags = blob[3];
  const little = (flags & 0x01) === 1;
  const envelope = (flags >> 1) & 0x07;
  if (envelope >= ENVELOPE_BYTES.length) throw new Error(`the geometry header names an unknown envelope (${envelope})`);
  if (flags & 0x20) throw new Error('the geometry is an extended GeoPackage geometry, which this importer does not read');
  const srsId = new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getInt32(4, little);
  if (flags & 0x10) return { geometry: null, srsId };
  return { geometry: readWkb(blob, 8 + ENVELOPE_BYTES[envelope]), srsId };
}
