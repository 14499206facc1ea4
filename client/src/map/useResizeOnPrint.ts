// Redraws the map at the printed page's size before printing (the print layout gives it another width and height).
import { useEffect } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';

export function useResizeOnPrint(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return;
    const resize = () => map.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
    };
  }, [map]);
}
