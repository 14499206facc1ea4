// Reports the map's view (centre and zoom) after each move, for the shareable URL.
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapViewState } from '../state/url-state';

export function useViewSync(map: MapLibreMap | null, onView: (view: MapViewState) => void): void {
  const handler = useRef(onView);
  handler.current = onView;
  useEffect(() => {
    if (!map) return;
    const report = () => {
      const center = map.getCenter();
      handler.current({ zoom: map.getZoom(), lat: center.lat, lon: center.lng });
    };
    map.on('moveend', report);
    return () => {
      map.off('moveend', report);
    };
  }, [map]);
}
