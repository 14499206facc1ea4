// Keeps one paint property of one layer equal to a value (e.g. the community fill for the chosen standard).
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';

type PaintName = Parameters<MapLibreMap['setPaintProperty']>[1];
type PaintValue = Parameters<MapLibreMap['setPaintProperty']>[2];

export function usePaintProperty(map: MapLibreMap | null, layerId: string, property: PaintName, value: PaintValue, dependency?: unknown): void {
  useEffect(() => {
    if (!map || !map.getLayer(layerId)) return;
    map.setPaintProperty(layerId, property, value);
  }, [map, layerId, property, value, dependency]);
}
