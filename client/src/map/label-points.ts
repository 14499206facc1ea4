// One label point per area, inside it (the pole of inaccessibility of its largest part), so a name is written once.
import polylabel from 'polylabel';
import type { FeatureCollection, Geometry, Position } from 'geojson';

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return Math.abs(sum / 2);
}

function largestPolygon(geometry: Geometry): Position[][] | null {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.reduce<Position[][] | null>((best, polygon) => (!best || ringArea(polygon[0]) > ringArea(best[0]) ? polygon : best), null);
  }
  return null;
}

export function labelPoints(areas: readonly { name: string; code: string; boundary?: Geometry | null }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: areas.flatMap((area) => {
      const polygon = area.boundary ? largestPolygon(area.boundary) : null;
      if (!polygon) return [];
      const [lon, lat] = polylabel(polygon as [number, number][][], 0.0005);
      return [{ type: 'Feature' as const, properties: { name: area.name, code: area.code }, geometry: { type: 'Point' as const, coordinates: [lon, lat] } }];
    }),
  };
}
