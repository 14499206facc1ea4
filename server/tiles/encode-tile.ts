// Encodes tile-coordinate features (from featureRowsSql) into a Mapbox Vector Tile with @maplibre/vt-pbf, for stores without ST_AsMVT.
import Point from '@mapbox/point-geometry';
import { fromVectorTileJs, type VectorTileFeatureLike, type VectorTileLayerLike } from '@maplibre/vt-pbf';
import type { Geometry, Position } from 'geojson';

export interface TileFeatureRow {
  id: number | string | null;
  properties: Record<string, number | string | boolean | null>;
  /** GeoJSON in integer tile coordinates, y down. */
  geometry: string;
}

const MVT_POINT = 1;
const MVT_LINE = 2;
const MVT_POLYGON = 3;

const toPoints = (positions: Position[]) => positions.map(([x, y]) => new Point(x, y));

/** The MVT geometry type and its command groups: all points in one group, one group per line, every ring in order. */
function mvtGeometry(geometry: Geometry): { type: 1 | 2 | 3; groups: Point[][] } {
  switch (geometry.type) {
    case 'Point':
      return { type: MVT_POINT, groups: [toPoints([geometry.coordinates])] };
    case 'MultiPoint':
      return { type: MVT_POINT, groups: [toPoints(geometry.coordinates)] };
    case 'LineString':
      return { type: MVT_LINE, groups: [toPoints(geometry.coordinates)] };
    case 'MultiLineString':
      return { type: MVT_LINE, groups: geometry.coordinates.map(toPoints) };
    case 'Polygon':
      return { type: MVT_POLYGON, groups: geometry.coordinates.map(toPoints) };
    case 'MultiPolygon':
      return { type: MVT_POLYGON, groups: geometry.coordinates.flatMap((polygon) => polygon.map(toPoints)) };
    default:
      throw new Error(`A tile feature cannot be a ${geometry.type}; the tile SQL must return points, lines or polygons.`);
  }
}

function toFeature(row: TileFeatureRow, extent: number): VectorTileFeatureLike {
  const { type, groups } = mvtGeometry(JSON.parse(row.geometry) as Geometry);
  const properties = Object.fromEntries(Object.entries(row.properties).filter(([, value]) => value !== null)) as VectorTileFeatureLike['properties'];
  const id = row.id === null ? undefined : Number(row.id);
  return { type, properties, id, extent, loadGeometry: () => groups };
}

/** One layer named `layerName` holding `rows`; an empty array gives an empty buffer, as ST_AsMVT does. */
export function encodeTile(layerName: string, rows: readonly TileFeatureRow[], extent: number): Uint8Array {
  if (rows.length === 0) return new Uint8Array(0);
  const features = rows.map((row) => toFeature(row, extent));
  const layer: VectorTileLayerLike = { version: 2, name: layerName, extent, length: features.length, feature: (i) => features[i] };
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}

/**
 * A tile with the layer `layerName` and no feature (20-odd bytes). ST_AsMVT gives zero bytes for an empty tile, a valid
 * empty protobuf, but GDAL's MVT driver only recognises a tile by its first layer: this one it opens, and lists the layer.
 */
export function emptyTile(layerName: string, extent: number): Uint8Array {
  const layer: VectorTileLayerLike = { version: 2, name: layerName, extent, length: 0, feature: () => { throw new RangeError('an empty layer has no feature'); } };
  return fromVectorTileJs({ layers: { [layerName]: layer } });
}
