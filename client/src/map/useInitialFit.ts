// On a first visit without a view in the URL, frames the area the hub's data covers (the TileJSON bounds).
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';

export function useInitialFit(map: MapLibreMap | null, enabled: boolean, token: string | null): void {
  useEffect(() => {
    if (!map || !enabled) return;
    const controller = new AbortController();
    fetch('/tiles/communities.json', { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((body: { bounds?: [number, number, number, number] } | null) => {
        if (body?.bounds) map.fitBounds(body.bounds, { padding: 20, duration: 0 });
      })
      .catch(() => undefined);
    return () => controller.abort();
    // Only once per map: later token changes must not move the view.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, enabled]);
}
