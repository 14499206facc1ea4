// A small generated city for the fault tests: two districts of square communities, grid cells, stops and cameras.
import type { Database } from '../../../server/db/database.js';
import { importFile } from '../../../server/ingest/import.service.js';

const ORIGIN = { lon: 123.4, lat: 41.8 };
const M_LAT = 1 / 111_320;
const M_LON = 1 / (111_320 * Math.cos((ORIGIN.lat * Math.PI) / 180));
export const lon = (x: number) => ORIGIN.lon + x * M_LON;
export const lat = (y: number) => ORIGIN.lat + y * M_LAT;
const square = (x0: number, y0: number, w: number, h: number) => ({
  type: 'Polygon',
  coordinates: [[[lon(x0), lat(y0)], [lon(x0 + w), lat(y0)], [lon(x0 + w), lat(y0 + h)], [lon(x0), lat(y0 + h)], [lon(x0), lat(y0)]]],
});
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

/** `side` × `side` communities of 400 m, left half in 210102, right half in 210103; a stop and a camera in each. */
export function cityFiles(side: number) {
  const communities = [];
  const cells = [];
  const stops = ['code,name,lon,lat'];
  const cameras = ['code,name,lon,lat,direction_deg,fov_deg,range_m'];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const code = `C${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`;
      const district = i < side / 2 ? '210102' : '210103';
      communities.push({ type: 'Feature', properties: { code, name: `社区${code}`, district_code: district, households: 1000 + i * j }, geometry: square(i * 400, j * 400, 400, 400) });
      cells.push({ type: 'Feature', properties: { code: `G${code}`, workers: (i + j) % 2 }, geometry: square(i * 400, j * 400, 200, 400) });
      stops.push(`S${code},站${code},${lon(i * 400 + 100)},${lat(j * 400 + 100)}`);
      cameras.push(`K${code},摄像头${code},${lon(i * 400 + 300)},${lat(j * 400 + 300)},${(i * 37 + j * 11) % 360},90,60`);
    }
  }
  const half = (side * 400) / 2;
  const districts = fc([
    { type: 'Feature', properties: { code: '210102', name: '和平区' }, geometry: square(0, 0, half, side * 400) },
    { type: 'Feature', properties: { code: '210103', name: '沈河区' }, geometry: square(half, 0, half, side * 400) },
  ]);
  return { districts, communities: fc(communities), cells: fc(cells), stops: stops.join('\n'), cameras: cameras.join('\n') };
}

export async function loadCity(db: Database, side: number): Promise<void> {
  const files = cityFiles(side);
  await importFile(db, { layer: 'districts', fileName: 'districts.geojson', content: files.districts });
  await importFile(db, { layer: 'communities', fileName: 'communities.geojson', content: files.communities });
  await importFile(db, { layer: 'grid-cells', fileName: 'cells.geojson', content: files.cells });
  await importFile(db, { layer: 'bus-stops', fileName: 'stops.csv', content: files.stops });
  await importFile(db, { layer: 'cameras', fileName: 'cameras.csv', content: files.cameras });
}

/** Rows per layer table, to prove that nothing was written. */
export async function layerCounts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ t: string; n: number }>(
    `SELECT 'districts' AS t, count(*)::integer AS n FROM districts UNION ALL SELECT 'communities', count(*)::integer FROM communities
     UNION ALL SELECT 'grid_cells', count(*)::integer FROM grid_cells UNION ALL SELECT 'cameras', count(*)::integer FROM cameras
     UNION ALL SELECT 'bus_stops', count(*)::integer FROM bus_stops UNION ALL SELECT 'renovation_sites', count(*)::integer FROM renovation_sites
     UNION ALL SELECT 'roads', count(*)::integer FROM roads`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, r.n]));
}
