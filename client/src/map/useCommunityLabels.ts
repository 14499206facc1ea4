// Community name points, loaded once the map is first zoomed in far enough to show names (they are not needed before).
import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { useGraphQL } from '../api/useGraphQL';
import { COMMUNITY_LABEL } from './layers/communities.layers';
import { labelPoints } from './label-points';
import { EMPTY_COLLECTION } from './useGeoJsonLayers';

const LABELS_QUERY = `{ communities(first: 5000) { nodes { code name boundary(simplifyMeters: 20) } } }`;

export function useCommunityLabels(map: MapLibreMap | null, token: string | null): FeatureCollection {
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (!map || wanted) return;
    const check = () => {
      if (map.getZoom() >= (COMMUNITY_LABEL.minzoom ?? 0) - 1) setWanted(true);
    };
    check();
    map.on('zoomend', check);
    return () => {
      map.off('zoomend', check);
    };
  }, [map, wanted]);
  const { data } = useGraphQL<{ communities: { nodes: { code: string; name: string; boundary: Geometry }[] } }>(wanted ? LABELS_QUERY : null, {}, token);
  return useMemo(() => (data ? labelPoints(data.communities.nodes) : EMPTY_COLLECTION), [data]);
}
