// Moves the map when the view in the URL changes from outside (a pasted link, the back button), not when the map wrote it.
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { MapViewState } from '../state/url-state';

export function useFollowView(map: MapLibreMap | null, view: MapViewState | null): void {
  useEffect(() => {
    if (!map || !view) return;
    const center = map.getCenter();
    // The URL keeps 5 decimals of a degree and 2 of zoom: differences below that are the map's own rounding.
    const moved = Math.abs(center.lat - view.lat) > 2e-5 || Math.abs(center.lng - view.lon) > 2e-5 || Math.abs(map.getZoom() - view.zoom) > 0.02;
    if (moved && !map.isMoving()) map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }, [map, view]);
}
