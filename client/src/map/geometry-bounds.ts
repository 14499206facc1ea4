// The [west, south, east, north] box of any GeoJSON geometry, for fitBounds.
import type { Geometry, Position } from 'geojson';

export type Bounds = [number, number, number, number];

function positions(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positions);
  }
}

export function geometryBounds(geometries: readonly (Geometry | null | undefined)[]): Bounds | null {
  let bounds: Bounds | null = null;
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const [lon, lat] of positions(geometry)) {
      bounds = bounds
        ? [Math.min(bounds[0], lon), Math.min(bounds[1], lat), Math.max(bounds[2], lon), Math.max(bounds[3], lat)]
        : [lon, lat, lon, lat];
    }
  }
  return bounds;
}
