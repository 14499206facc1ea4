// The label features of areas: one point each, where the hub says its name goes (labelPoint, computed in PostGIS).
import type { FeatureCollection, Geometry } from 'geojson';

export function labelPoints(areas: readonly { name: string; code: string; labelPoint?: Geometry | null }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: areas.flatMap((area) =>
      area.labelPoint?.type === 'Point' ? [{ type: 'Feature' as const, properties: { name: area.name, code: area.code }, geometry: area.labelPoint }] : [],
    ),
  };
}
