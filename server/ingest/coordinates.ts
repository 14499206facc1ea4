// Coordinate systems of incoming files: checks positions and converts Chinese web-map offsets to WGS84.
import gcoord from 'gcoord';
import type { Geometry, Position } from 'geojson';
import { badInput } from '../errors.js';

export type CrsName = 'wgs84' | 'gcj02' | 'bd09' | 'cgcs2000';
export const CRS_NAMES: readonly CrsName[] = ['wgs84', 'gcj02', 'bd09', 'cgcs2000'];

export function parseCrs(text: string | undefined): CrsName {
  const value = (text ?? 'wgs84').toLowerCase().replace(/[-_ ]/g, '');
  if (value === 'epsg4326' || value === 'wgs84') return 'wgs84';
  if (value === 'gcj02' || value === 'gcj') return 'gcj02';
  if (value === 'bd09' || value === 'baidu') return 'bd09';
  // CGCS2000 geographic coordinates agree with WGS84 to a few centimetres: no conversion needed.
  if (value === 'cgcs2000' || value === 'epsg4490') return 'cgcs2000';
  throw badInput(`Unknown coordinate system "${text}". Use one of: ${CRS_NAMES.join(', ')}, or EPSG:n.`);
}

/** The same geometry with every position converted. */
export function mapPositions(geometry: Geometry, convert: (p: Position) => Position): Geometry {
  switch (geometry.type) {
    case 'Point':
      return { ...geometry, coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...geometry, coordinates: geometry.coordinates.map(convert) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(convert)) };
    case 'MultiPolygon':
      return { ...geometry, coordinates: geometry.coordinates.map((poly) => poly.map((ring) => ring.map(convert))) };
    case 'GeometryCollection':
      return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, convert)) };
  }
}

/** Converts a geometry to WGS84; GCJ-02 and BD-09 through gcoord's iterative inverse (well under a metre). */
export function toWgs84(geometry: Geometry, crs: CrsName): Geometry {
  if (crs === 'wgs84' || crs === 'cgcs2000') return geometry;
  const from = crs === 'gcj02' ? gcoord.GCJ02 : gcoord.BD09;
  return mapPositions(geometry, (p) => {
    const [lon, lat] = gcoord.transform([p[0], p[1]], from, gcoord.WGS84) as [number, number];
    return [lon, lat];
  });
}

/** Every position of a geometry, flattened. */
export function positionsOf(geometry: Geometry): Position[] {
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
      return geometry.geometries.flatMap(positionsOf);
  }
}

/** Says what is wrong with a geometry's positions, or undefined when they are usable lon/lat. */
export function positionProblem(geometry: Geometry): string | undefined {
  let positions: Position[];
  try {
    positions = positionsOf(geometry);
  } catch {
    // `coordinates` that are not nested arrays (a string, a number) have no .flat(): found by the fuzz test.
    return `the coordinates are not arrays of [longitude, latitude] numbers, as a GeoJSON ${String(geometry.type)} needs`;
  }
  if (!Array.isArray(positions)) return `the coordinates are not arrays of [longitude, latitude] numbers, as a GeoJSON ${String(geometry.type)} needs`;
  if (positions.length === 0) return 'the geometry is empty';
  for (const position of positions) {
    if (!Array.isArray(position) || position.length < 2) return 'a position has fewer than two numbers';
    const [lon, lat] = position;
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      return `a coordinate is not a number (${position.slice(0, 2).map((n) => (typeof n === 'string' ? JSON.stringify(n) : String(n))).join(', ')})`;
    }
    if (Math.abs(lat) > 90 && Math.abs(lon) <= 90) {
      return `latitude ${lat} is out of range and longitude ${lon} would fit: the columns look swapped (put longitude first)`;
    }
    if (Math.abs(lat) > 90) return `latitude ${lat} is out of range (−90 to 90)`;
    if (Math.abs(lon) > 180) return `longitude ${lon} is out of range (−180 to 180)`;
    if (Math.abs(lat) > 84) return `latitude ${lat} is beyond ±84°, where no projection the hub measures in (UTM) holds: leave the row out or move it`;
  }
  return shapeProblem(geometry);
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Rings and lines too short or not closed, which PostGIS would refuse for the whole file rather than for the row. */
function shapeProblem(geometry: Geometry): string | undefined {
  const rings = (polygons: Position[][][]) => {
    for (const [p, polygon] of polygons.entries()) {
      for (const [r, ring] of polygon.entries()) {
        const where = `${polygons.length > 1 ? `polygon ${p + 1}, ` : ''}ring ${r + 1}`;
        if (ring.length < 4) return `${where} has ${ring.length} position(s); a ring needs at least 4 (the first repeated at the end)`;
        if (!samePosition(ring[0], ring[ring.length - 1])) return `${where} is not closed: its last position must repeat its first`;
      }
    }
    return undefined;
  };
  switch (geometry.type) {
    case 'Polygon':
      return rings([geometry.coordinates]);
    case 'MultiPolygon':
      return rings(geometry.coordinates);
    case 'LineString':
      return geometry.coordinates.length < 2 ? 'a line needs at least 2 positions' : undefined;
    case 'MultiLineString':
      return geometry.coordinates.some((line) => line.length < 2) ? 'a line needs at least 2 positions' : undefined;
    case 'GeometryCollection':
      return geometry.geometries.map(shapeProblem).find(Boolean);
    default:
      return undefined;
  }
}
