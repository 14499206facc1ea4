// Shows a pointer over clickable layers so people know the map answers clicks.
import { useEffect } from 'react';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

export function useHoverCursor(map: MapLibreMap | null, layerIds: readonly string[], forced: string | null): void {
  const key = layerIds.join('|');
  useEffect(() => {
    if (!map) return;
    const canvas = map.getCanvas();
    if (forced) {
      canvas.style.cursor = forced;
      return () => {
        canvas.style.cursor = '';
      };
    }
    const move = (event: MapMouseEvent) => {
      const present = key.split('|').filter((id) => map.getLayer(id));
      canvas.style.cursor = present.length && map.queryRenderedFeatures(event.point, { layers: present }).length ? 'pointer' : '';
    };
    map.on('mousemove', move);
    return () => {
      map.off('mousemove', move);
      canvas.style.cursor = '';
    };
  }, [map, key, forced]);
}
