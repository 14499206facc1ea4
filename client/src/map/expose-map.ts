// Puts the map on window.__atlasMap, so browser tests (and curious people in the console) can query rendered features.
import type { Map as MapLibreMap } from 'maplibre-gl';

interface AtlasWindow {
  __atlasMap?: MapLibreMap | null;
}

export function exposeMap(map: MapLibreMap | null): void {
  (window as unknown as AtlasWindow).__atlasMap = map;
}
