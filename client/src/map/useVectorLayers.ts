// Adds one of the hub's tile layers (source + its styled layers) to the map, shows or hides it, and removes it cleanly.
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { beforeLayerId } from './before-layer';
import { layerSlot, type AtlasLayer } from './map-layer';
import { sourceId, TILE_MIN_ZOOM, tileUrl, type TileLayerName } from './tile-source';

export function useVectorLayers(map: MapLibreMap | null, layer: TileLayerName, layers: readonly AtlasLayer[], visible: boolean, token: string | null): void {
  const url = tileUrl(layer, token);

  useEffect(() => {
    if (!map) return;
    const id = sourceId(layer);
    map.addSource(id, { type: 'vector', tiles: [url], minzoom: TILE_MIN_ZOOM[layer], maxzoom: 16 });
    for (const spec of layers) {
      const slot = layerSlot(spec);
      map.addLayer(spec, slot ? beforeLayerId(map, slot) : undefined);
    }
    return () => {
      // The map may already be gone (unmount order); layers must go before their source.
      if (!map.getStyle()) return;
      for (const spec of layers) if (map.getLayer(spec.id)) map.removeLayer(spec.id);
      if (map.getSource(id)) map.removeSource(id);
    };
  }, [map, layer, layers, url]);

  useEffect(() => {
    if (!map) return;
    for (const spec of layers) if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'visibility', visible ? 'visible' : 'none');
  }, [map, layers, visible, url]);
}
