// Community name points (the hub's label point of each, not its boundary), loaded once the map is zoomed in far enough to show names.
import { useEffect, useMemo, useState } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { useGraphQL } from '../api/useGraphQL';
import { CommunityLabelsDocument } from '../gql/graphql';
import { COMMUNITY_LABEL } from './layers/communities.layers';
import { labelPoints } from './label-points';
import { EMPTY_COLLECTION } from './useGeoJsonLayers';

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
  const { data } = useGraphQL(wanted ? CommunityLabelsDocument : null, {}, token);
  return useMemo(() => (data ? labelPoints(data.communities.nodes) : EMPTY_COLLECTION), [data]);
}
