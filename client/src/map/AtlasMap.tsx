// The map: every hub tile layer in its slot, the client's overlays, clicks and view sync; the imperative work lives in hooks.
import { useEffect, useMemo, useRef } from 'react';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { MapViewState, StandardId } from '../state/url-state';
import { exposeMap } from './expose-map';
import { DISTRICT_LABEL_LAYERS, DISTRICT_LABEL_SOURCE } from './layers/districts.layers';
import { COMMUNITY_FILL, COMMUNITY_LABEL_LAYERS, COMMUNITY_LABEL_SOURCE } from './layers/communities.layers';
import { useCommunityLabels } from './useCommunityLabels';
import { communityFillColour } from './layers/community-colour';
import { CHANGES_LAYERS, CHANGES_SOURCE } from './layers/changes.layers';
import { SELECTION_LAYERS, SELECTION_SOURCE, SUGGESTION_LAYERS, SUGGESTION_SOURCE, WHATIF_LAYERS, WHATIF_SOURCE } from './layers/overlay.layers';
import { CLICKABLE_COMMUNITY_LAYERS, LAYER_GROUPS, type LayerGroup } from './layer-groups';
import { useGeoJsonLayers } from './useGeoJsonLayers';
import { useHatchImage } from './useHatchImage';
import { useHoverCursor } from './useHoverCursor';
import { useMapClick, type MapClick } from './useMapClick';
import { useMapInstance } from './useMapInstance';
import { usePaintProperty } from './usePaintProperty';
import { useVectorLayers } from './useVectorLayers';
import { useViewSync } from './useViewSync';
import { useFollowView } from './useFollowView';

export interface AtlasMapProps {
  initialView: MapViewState | null;
  /** The view in the URL now; the map follows it when it changes from outside. */
  view: MapViewState | null;
  token: string | null;
  visibleLayers: readonly string[];
  standard: StandardId;
  selection: FeatureCollection;
  whatIf: FeatureCollection;
  suggestions: FeatureCollection;
  /** What changed (client/src/map/change-features.ts): empty unless the view is open. */
  changes: FeatureCollection;
  districtLabels: FeatureCollection;
  /** A crosshair and clicks anywhere, for placing a what-if site. */
  placing: boolean;
  onClick(click: MapClick): void;
  onView(view: MapViewState): void;
  onMap(map: MapLibreMap | null): void;
  label: string;
}

function TileLayerGroup({ map, group, visible, token }: { map: MapLibreMap | null; group: LayerGroup; visible: boolean; token: string | null }) {
  useVectorLayers(map, group.id, group.layers, visible, token);
  return null;
}

export function AtlasMap(props: AtlasMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useMapInstance(container, props.initialView, props.token);
  const { onMap } = props;
  useEffect(() => {
    exposeMap(map);
    onMap(map);
  }, [map, onMap]);
  const fillColour = useMemo(() => communityFillColour(props.standard), [props.standard]);
  useHatchImage(map);
  usePaintProperty(map, COMMUNITY_FILL.id, 'fill-color', fillColour, props.token);
  useGeoJsonLayers(map, SELECTION_SOURCE, SELECTION_LAYERS, props.selection);
  useGeoJsonLayers(map, WHATIF_SOURCE, WHATIF_LAYERS, props.whatIf);
  useGeoJsonLayers(map, SUGGESTION_SOURCE, SUGGESTION_LAYERS, props.suggestions);
  useGeoJsonLayers(map, CHANGES_SOURCE, CHANGES_LAYERS, props.changes);
  const communityLabels = useCommunityLabels(map, props.token);
  useGeoJsonLayers(map, COMMUNITY_LABEL_SOURCE, COMMUNITY_LABEL_LAYERS, communityLabels, props.visibleLayers.includes('communities'));
  useGeoJsonLayers(map, DISTRICT_LABEL_SOURCE, DISTRICT_LABEL_LAYERS, props.districtLabels, props.visibleLayers.includes('districts'));
  useMapClick(map, CLICKABLE_COMMUNITY_LAYERS, props.onClick);
  useHoverCursor(map, CLICKABLE_COMMUNITY_LAYERS, props.placing ? 'crosshair' : null);
  useViewSync(map, props.onView);
  useFollowView(map, props.view);
  return (
    <div className="map" ref={container} role="region" aria-label={props.label} data-map-ready={map ? 'true' : 'false'}>
      {LAYER_GROUPS.map((group) => (
        <TileLayerGroup key={group.id} map={map} group={group} visible={props.visibleLayers.includes(group.id)} token={props.token} />
      ))}
    </div>
  );
}
