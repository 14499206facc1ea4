// Registers the gap hatch pattern with the map once, before any layer that uses it draws.
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { HATCH_IMAGE_ID, hatchPattern } from './hatch-pattern';

export function useHatchImage(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return;
    if (!map.hasImage(HATCH_IMAGE_ID)) map.addImage(HATCH_IMAGE_ID, hatchPattern(), { pixelRatio: 1 });
    return () => {
      if (map.getStyle() && map.hasImage(HATCH_IMAGE_ID)) map.removeImage(HATCH_IMAGE_ID);
    };
  }, [map]);
}
