// On a first visit without a view in the URL: the city core of the default view when the data covers it, else the data's whole extent.
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { DEFAULT_VIEW } from './base-style';

export function useInitialFit(map: MapLibreMap | null, enabled: boolean, token: string | null): void {
  useEffect(() => {
    if (!map || !enabled) return;
    const controller = new AbortController();
    fetch('/tiles/communities.json', { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { bounds?: [number, number, number, number] } | null) => {
        const bounds = body?.bounds;
        if (!bounds) return;
        const [west, south, east, north] = bounds;
        // Community tiles start at zoom 8: a whole-city frame below that would show districts only.
        const coversDefault = DEFAULT_VIEW.lon > west && DEFAULT_VIEW.lon < east && DEFAULT_VIEW.lat > south && DEFAULT_VIEW.lat < north;
        if (!coversDefault) map.fitBounds(bounds, { padding: 20, duration: 0, minZoom: 8 } as Parameters<MapLibreMap['fitBounds']>[1]);
      })
      .catch(() => undefined);
    return () => controller.abort();
    // Only once per map: later token changes must not move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, enabled]);
}
