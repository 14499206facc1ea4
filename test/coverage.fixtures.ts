// Fixtures in exact metres for the coverage tests: shapes laid out in UTM 51N (EPSG:32651, Shenyang) and converted to WGS84.
import proj4 from 'proj4';

const UTM51N = '+proj=utm +zone=51 +datum=WGS84 +units=m +no_defs';
const toLonLat = proj4(UTM51N, 'EPSG:4326');

/** The origin of the fixture plane, near Shenyang (123.4°E, 41.8°N), in UTM 51N metres. */
export const ORIGIN_M = proj4('EPSG:4326', UTM51N, [123.4, 41.8]) as [number, number];

/** A point `x`, `y` metres east and north of the origin, as [lon, lat]. */
export function lonLat(x: number, y: number): [number, number] {
  return toLonLat.forward([ORIGIN_M[0] + x, ORIGIN_M[1] + y]) as [number, number];
}

/** A polygon from metric vertices (counter-clockwise, not closed), as a WGS84 GeoJSON Polygon. */
export function polygon(vertices: [number, number][]) {
  const ring = vertices.map(([x, y]) => lonLat(x, y));
  return { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] };
}

/** An axis-aligned square of side `sideM` with its south-west corner at (x, y) metres. */
export function square(x: number, y: number, sideM: number) {
  return polygon([[x, y], [x + sideM, y], [x + sideM, y + sideM], [x, y + sideM]]);
}

export function featureCollection(features: { properties: Record<string, unknown>; geometry: unknown }[]): string {
  return JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
}

/** A CSV of point records: a header, then one line per record, with lon/lat from metric positions. */
export function pointsCsv(columns: string[], records: { x: number; y: number; values: Record<string, string | number | null> }[]): string {
  const lines = [[...columns, 'lon', 'lat'].join(',')];
  for (const r of records) {
    const [lon, lat] = lonLat(r.x, r.y);
    lines.push([...columns.map((c) => r.values[c] ?? ''), lon.toFixed(9), lat.toFixed(9)].join(','));
  }
  return lines.join('\n');
}

/** A seeded pseudo-random generator (mulberry32), so random fixtures are the same on every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
