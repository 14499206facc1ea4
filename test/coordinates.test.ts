// GCJ-02 and BD-09 to WGS84, checked against the published forward formulas written here (not gcoord, which the
// importer uses): a WGS84 point sent forward and brought back by the importer lands within a metre of where it began.
import { describe, expect, it } from 'vitest';
import type { Point, Position } from 'geojson';
import { toWgs84 } from '../server/ingest/coordinates.js';

const PI = Math.PI;
const X_PI = (PI * 3000.0) / 180.0;

/** The well-known WGS-84 → GCJ-02 transform (krasovsky ellipsoid a = 6378245.0, ee = 0.00669342162296594323). */
function wgsToGcj([lon, lat]: Position): Position {
  const a = 6378245.0;
  const ee = 0.00669342162296594323;
  const x = lon - 105.0;
  const y = lat - 35.0;
  let dLat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  dLat += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  dLat += ((20.0 * Math.sin(y * PI) + 40.0 * Math.sin((y / 3.0) * PI)) * 2.0) / 3.0;
  dLat += ((160.0 * Math.sin((y / 12.0) * PI) + 320 * Math.sin((y * PI) / 30.0)) * 2.0) / 3.0;
  let dLon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  dLon += ((20.0 * Math.sin(6.0 * x * PI) + 20.0 * Math.sin(2.0 * x * PI)) * 2.0) / 3.0;
  dLon += ((20.0 * Math.sin(x * PI) + 40.0 * Math.sin((x / 3.0) * PI)) * 2.0) / 3.0;
  dLon += ((150.0 * Math.sin((x / 12.0) * PI) + 300.0 * Math.sin((x / 30.0) * PI)) * 2.0) / 3.0;
  const radLat = (lat / 180.0) * PI;
  const magic = 1 - ee * Math.sin(radLat) ** 2;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((a * (1 - ee)) / (magic * sqrtMagic)) * PI);
  dLon = (dLon * 180.0) / ((a / sqrtMagic) * Math.cos(radLat) * PI);
  return [lon + dLon, lat + dLat];
}

/** The published GCJ-02 → BD-09 transform (Baidu's offset on top of GCJ-02). */
function gcjToBd([lon, lat]: Position): Position {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** Great-circle distance in metres (haversine, mean earth radius). */
function metres([lon1, lat1]: Position, [lon2, lat2]: Position): number {
  const rad = PI / 180;
  const h = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

// Points over mainland China, from Shenyang to Hainan, generated from a fixed seed.
let seed = 12;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const POINTS: Position[] = [[123.4315, 41.8057], [116.3975, 39.9087], [121.4737, 31.2304], [113.2644, 23.1291], [110.3312, 20.0311]];
for (let i = 0; i < 300; i++) POINTS.push([98 + random() * 26, 21 + random() * 25]);
const back = (p: Position, crs: 'gcj02' | 'bd09') => (toWgs84({ type: 'Point', coordinates: p }, crs) as Point).coordinates;

describe('converting Chinese web-map offsets to WGS84', () => {
  it('the oracle is not the identity: GCJ-02 moves Shenyang by hundreds of metres, BD-09 further', () => {
    const shenyang = POINTS[0];
    expect(metres(shenyang, wgsToGcj(shenyang))).toBeGreaterThan(200);
    expect(metres(shenyang, wgsToGcj(shenyang))).toBeLessThan(1000);
    expect(metres(shenyang, gcjToBd(wgsToGcj(shenyang)))).toBeGreaterThan(metres(shenyang, wgsToGcj(shenyang)));
  });

  it('brings a GCJ-02 point back within 1 m of the WGS84 point the forward formula started from', () => {
    const worst = Math.max(...POINTS.map((p) => metres(back(wgsToGcj(p), 'gcj02'), p)));
    expect(worst).toBeLessThan(1);
  });

  it('brings a BD-09 point back within 1 m of the WGS84 point the forward formulas started from', () => {
    const worst = Math.max(...POINTS.map((p) => metres(back(gcjToBd(wgsToGcj(p)), 'bd09'), p)));
    expect(worst).toBeLessThan(1);
  });

  it("round trips: forward again from what the importer returns gives the file's coordinates within 1 m", () => {
    for (const p of POINTS.slice(0, 50)) {
      const gcj = wgsToGcj(p);
      expect(metres(wgsToGcj(back(gcj, 'gcj02')), gcj)).toBeLessThan(1);
      const bd = gcjToBd(gcj);
      expect(metres(gcjToBd(wgsToGcj(back(bd, 'bd09'))), bd)).toBeLessThan(1);
    }
  });

  it('leaves WGS84 and CGCS2000 coordinates as they are', () => {
    for (const crs of ['wgs84', 'cgcs2000'] as const) {
      expect((toWgs84({ type: 'Point', coordinates: POINTS[0] }, crs) as Point).coordinates).toEqual(POINTS[0]);
    }
  });
});
