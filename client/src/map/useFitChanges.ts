// Frames the changes of the "what changed" view once they arrive (again when another period or version is chosen), unless the link said where to look.
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Geometry } from 'geojson';
import { geometryBounds } from './geometry-bounds';

export function useFitChanges(map: MapLibreMap | null, key: string | null, geometries: readonly Geometry[] | null, linkHadView: boolean): void {
  const framed = useRef<string | null | undefined>(linkHadView ? key : undefined);
  useEffect(() => {
    if (!map || key === null || !geometries || geometries.length === 0 || framed.current === key) return;
    framed.current = key;
    const bounds = geometryBounds(geometries);
    if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: 16, duration: 0 });
  }, [map, key, geometries]);
}
