// Metric fixtures for the walking tests: a local azimuthal equidistant plane about 123.4°E 41.8°N (over a few
// kilometres its scale is 1 within 1e-7, so ground metres are plane metres), street grids, squares and stops in it.
import proj4 from 'proj4';

const plane = proj4('+proj=aeqd +lat_0=41.8 +lon_0=123.4 +datum=WGS84 +units=m +no_defs', 'EPSG:4326');
export const fromLonLat = (lon: number, lat: number) => plane.inverse([lon, lat]) as [number, number];
export const lonLat = (x: number, y: number) => plane.forward([x, y]) as [number, number];

export type Feature = { properties: Record<string, unknown>; geometry: unknown };

export const line = (points: [number, number][]) => ({ type: 'LineString', coordinates: points.map(([x, y]) => lonLat(x, y)) });
export const squareAt = (cx: number, cy: number, half: number) => ({
  type: 'Polygon',
  coordinates: [[lonLat(cx - half, cy - half), lonLat(cx + half, cy - half), lonLat(cx + half, cy + half), lonLat(cx - half, cy + half), lonLat(cx - half, cy - half)]],
});
export const collection = (features: Feature[]) => JSON.stringify({ type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', ...f })) });
export const stopsCsv = (stops: { code: string; x: number; y: number }[]) =>
  ['code,lon,lat', ...stops.map((s) => [s.code, ...lonLat(s.x, s.y).map((v) => v.toFixed(10))].join(','))].join('\n');

/**
 * Streets y = cy + k·100 and x = cx + k·100 for |k| ≤ 10, each one full-length line 2 km long with vertices every
 * 100 m (to be noded by the hub); codes prefixed with `prefix`.
 */
export function gridStreets(cx = 0, cy = 0, prefix = ''): Feature[] {
  const steps = Array.from({ length: 21 }, (_, i) => -1000 + i * 100);
  return steps.flatMap((k) => [
    { properties: { code: `${prefix}EW${k}` }, geometry: line(steps.map((x) => [cx + x, cy + k])) },
    { properties: { code: `${prefix}NS${k}` }, geometry: line(steps.map((y) => [cx + k, cy + y])) },
  ]);
}

/**
 * The truth of a walk of `radiusM` from an intersection of the 100 m grid, widened by `accessM`, over the square of
 * half-side `half` centred on it: on the grid the walk is the L1 distance, so street y = k·100 is reached where
 * |x| ≤ radius − |k|·100 (and the same across); the covered share is the share of the square within accessM of a
 * reached street, counted on a 1 m lattice of cell centres.
 */
export function diamondWalkShare(radiusM: number, accessM: number, half: number): number {
  const reach: number[] = [];
  for (let k = -10; k <= 10; k++) reach.push(radiusM - Math.abs(k) * 100);
  let inside = 0;
  let total = 0;
  const limit = accessM * accessM;
  for (let x = -half + 0.5; x < half; x += 1) {
    for (let y = -half + 0.5; y < half; y += 1) {
      total++;
      let near = false;
      for (let k = -10; k <= 10 && !near; k++) {
        const length = reach[k + 10];
        if (length < 0) continue;
        const alongEw = Math.max(0, Math.abs(x) - length);
        const acrossEw = y - k * 100;
        const alongNs = Math.max(0, Math.abs(y) - length);
        const acrossNs = x - k * 100;
        near = alongEw * alongEw + acrossEw * acrossEw <= limit || alongNs * alongNs + acrossNs * acrossNs <= limit;
      }
      if (near) inside++;
    }
  }
  return inside / total;
}
