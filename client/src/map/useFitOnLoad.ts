// Zooms the map to a community once its boundary has loaded, when the choice came from search or a list (not a map click).
import { useCallback, useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Geometry } from 'geojson';
import { geometryBounds } from './geometry-bounds';

export interface FitTarget {
  key: string;
  geometry: Geometry;
}

export function useFitOnLoad(map: MapLibreMap | null, target: FitTarget | null): (key: string) => void {
  const pending = useRef<string | null>(null);
  const latest = useRef<FitTarget | null>(target);
  latest.current = target;

  const fit = useCallback(() => {
    const current = latest.current;
    if (!map || !current || pending.current !== current.key) return;
    pending.current = null;
    const bounds = geometryBounds([current.geometry]);
    if (bounds) map.fitBounds(bounds, { padding: 80, maxZoom: 15.5, duration: 600 });
  }, [map]);

  useEffect(fit, [fit, target?.key]);

  return useCallback(
    (key: string) => {
      pending.current = key;
      fit();
    },
    [fit],
  );
}
