// Calls back with the top feature under a click on the given layers (or with the plain point when `onPoint` wants clicks anywhere).
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap, MapGeoJSONFeature, MapMouseEvent } from 'maplibre-gl';

export interface MapClick {
  lngLat: { lng: number; lat: number };
  feature: MapGeoJSONFeature | null;
}

export function useMapClick(map: MapLibreMap | null, layerIds: readonly string[], onClick: (click: MapClick) => void): void {
  const handler = useRef(onClick);
  handler.current = onClick;
  const key = layerIds.join('|');
  useEffect(() => {
    if (!map) return;
    const listener = (event: MapMouseEvent) => {
      const present = key.split('|').filter((id) => map.getLayer(id));
      const [feature] = present.length ? map.queryRenderedFeatures(event.point, { layers: present }) : [];
      handler.current({ lngLat: { lng: event.lngLat.lng, lat: event.lngLat.lat }, feature: feature ?? null });
    };
    map.on('click', listener);
    return () => {
      map.off('click', listener);
    };
  }, [map, key]);
}
