// What every layer's list can be narrowed by, as plain values: paging, attributes and places in metres. The faces fill
// it from their own arguments (GraphQL's LayerListArgs implements it; tiles, exports and OGC build it from the URL).
import type { Geometry } from 'geojson';

export interface NearFilter {
  lon: number;
  lat: number;
  withinMeters: number;
}

export interface LayerFilters {
  first?: number;
  after?: string;
  code?: string;
  codes?: string[];
  districtCode?: string;
  nameContains?: string;
  bbox?: number[];
  intersects?: Geometry;
  near?: NearFilter;
}
