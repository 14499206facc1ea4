// Creates the MapLibre map in a container once, with the hub's token on the hub's own requests, and hands it out when loaded.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl } from 'maplibre-gl';
import { BASE_STYLE, DEFAULT_VIEW } from './base-style';
import type { MapViewState } from '../state/url-state';

export function useMapInstance(container: RefObject<HTMLDivElement | null>, initialView: MapViewState | null, token: string | null): MapLibreMap | null {
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const initialViewRef = useRef(initialView);

  useEffect(() => {
    if (!container.current) return;
    const view = initialViewRef.current ?? DEFAULT_VIEW;
    const instance = new MapLibreMap({
      container: container.current,
      style: BASE_STYLE,
      center: [view.lon, view.lat],
      zoom: view.zoom,
      maxZoom: 18,
      // Labels appear at once instead of fading in over 300 ms: each fade is a run of extra frames, which software
      // rendering (and a slow GPU) pays for before the map is idle.
      fadeDuration: 0,
      attributionControl: false,
      // Reading pixels back (tests, print) needs the drawing buffer kept.
      canvasContextAttributes: { preserveDrawingBuffer: true },
      localIdeographFontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif',
      transformRequest: (url) => {
        const current = tokenRef.current;
        if (current && url.startsWith(window.location.origin)) return { url, headers: { authorization: `Bearer ${current}` } };
        return { url };
      },
    });
    instance.addControl(new NavigationControl({ showCompass: true }), 'bottom-right');
    instance.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    instance.once('load', () => setMap(instance));
    return () => {
      setMap(null);
      instance.remove();
    };
  }, [container]);

  return map;
}
