// The hub's vector tile URLs; the sign-in is part of the URL's cache key, so a tile seen anonymously is never reused after sign-in.

export type TileLayerName =
  | 'districts'
  | 'communities'
  | 'grid-cells'
  | 'cameras'
  | 'bus-stops'
  | 'renovation-sites'
  | 'roads'
  | 'stop-catchments'
  | 'stop-walk-catchments'
  | 'camera-sectors'
  | 'coverage-gaps';

function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * Below these zooms the map does not ask for a layer's tiles: the hub answers them empty (server/tiles/tile-layers.ts),
 * or, for grid cells and bus stops, the city view (zoom 11) would draw 15,000 cells as a blur of dashed lines and
 * 10,000 stops as specks, costing the first view most of its tile bytes and rendering time, where the communities'
 * colours and the gaps already say what matters. Both show from zoom 12, where they can be told apart.
 */
export const TILE_MIN_ZOOM: Record<TileLayerName, number> = {
  districts: 0,
  communities: 8,
  'grid-cells': 12,
  cameras: 14,
  'bus-stops': 12,
  'renovation-sites': 11,
  roads: 10,
  'stop-catchments': 11,
  'stop-walk-catchments': 11,
  'camera-sectors': 14,
  'coverage-gaps': 10,
};

export function tileUrl(layer: TileLayerName, token: string | null): string {
  const query = token ? `?viewer=${shortHash(token)}` : '';
  return `${window.location.origin}/tiles/${layer}/{z}/{x}/{y}.mvt${query}`;
}

/** The source id a tile layer is added under (also its MVT layer name: the hub names MVT layers after the layer). */
export const sourceId = (layer: TileLayerName) => `atlas-${layer}`;
