// Frames the chosen district of the dashboard once its boundary is known (and again when another is chosen), unless the link said where to look.
import { useEffect, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Geometry } from 'geojson';
import { geometryBounds } from './geometry-bounds';

export function useFitDistrict(map: MapLibreMap | null, district: string | null, boundary: Geometry | undefined, linkHadView: boolean): void {
  // The district the view was last framed for; a link with its own view counts as framed already.
  const framed = useRef<string | null | undefined>(linkHadView ? district : undefined);
  useEffect(() => {
    if (!map || !district || !boundary || framed.current === district) return;
    framed.current = district;
    const bounds = geometryBounds([boundary]);
    if (bounds) map.fitBounds(bounds, { padding: 30, duration: 0 });
  }, [map, district, boundary]);
}
