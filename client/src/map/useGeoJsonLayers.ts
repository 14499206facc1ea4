// Adds a GeoJSON source drawn by the client (selection, what-if, suggestions), updates its data, removes it cleanly.
import { useEffect } from 'react';
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { beforeLayerId } from './before-layer';
import { layerSlot, type AtlasLayer } from './map-layer';

export const EMPTY_COLLECTION: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function useGeoJsonLayers(map: MapLibreMap | null, id: string, layers: readonly AtlasLayer[], data: FeatureCollection, visible = true): void {
  useEffect(() => {
    if (!map) return;
    map.addSource(id, { type: 'geojson', data: EMPTY_COLLECTION });
    for (const spec of layers) {
      const slot = layerSlot(spec);
      map.addLayer(spec, slot ? beforeLayerId(map, slot) : undefined);
    }
    return () => {
      if (!map.getStyle()) return;
      for (const spec of layers) if (map.getLayer(spec.id)) map.removeLayer(spec.id);
      if (map.getSource(id)) map.removeSource(id);
    };
  }, [map, id, layers]);

  useEffect(() => {
    if (!map) return;
    map.getSource<GeoJSONSource>(id)?.setData(data);
  }, [map, id, layers, data]);

  useEffect(() => {
    if (!map) return;
    for (const spec of layers) if (map.getLayer(spec.id)) map.setLayoutProperty(spec.id, 'visibility', visible ? 'visible' : 'none');
  }, [map, layers, visible]);
}
