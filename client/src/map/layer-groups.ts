// The layer groups a person can switch on and off, in panel order, with their styled layers and default visibility.
import type { AtlasLayer } from './map-layer';
import type { TileLayerName } from './tile-source';
import { BUS_STOP_LAYERS } from './layers/bus-stops.layers';
import { CAMERA_LAYERS } from './layers/cameras.layers';
import { COMMUNITY_LAYERS } from './layers/communities.layers';
import { CATCHMENT_LAYERS, GAP_LAYERS, SECTOR_LAYERS, WALK_CATCHMENT_LAYERS } from './layers/coverage.layers';
import { DISTRICT_LAYERS } from './layers/districts.layers';
import { GRID_LAYERS } from './layers/grid-cells.layers';
import { RENOVATION_LAYERS } from './layers/renovation-sites.layers';
import { ROAD_LAYERS } from './layers/roads.layers';

export interface LayerGroup {
  id: TileLayerName;
  layers: readonly AtlasLayer[];
  visibleByDefault: boolean;
  /** Camera positions: empty for anonymous visitors. */
  sensitive?: boolean;
  /** Drawn in place of another group by the straight line / along roads switch, not toggled in the layer panel. */
  switchedIn?: boolean;
}

export const LAYER_GROUPS: readonly LayerGroup[] = [
  { id: 'communities', layers: COMMUNITY_LAYERS, visibleByDefault: true },
  { id: 'coverage-gaps', layers: GAP_LAYERS, visibleByDefault: true },
  { id: 'bus-stops', layers: BUS_STOP_LAYERS, visibleByDefault: true },
  { id: 'stop-catchments', layers: CATCHMENT_LAYERS, visibleByDefault: false },
  { id: 'stop-walk-catchments', layers: WALK_CATCHMENT_LAYERS, visibleByDefault: false, switchedIn: true },
  { id: 'cameras', layers: CAMERA_LAYERS, visibleByDefault: true, sensitive: true },
  { id: 'camera-sectors', layers: SECTOR_LAYERS, visibleByDefault: true, sensitive: true },
  { id: 'grid-cells', layers: GRID_LAYERS, visibleByDefault: true },
  { id: 'renovation-sites', layers: RENOVATION_LAYERS, visibleByDefault: true },
  { id: 'roads', layers: ROAD_LAYERS, visibleByDefault: true },
  { id: 'districts', layers: DISTRICT_LAYERS, visibleByDefault: true },
];

export const DEFAULT_VISIBLE = LAYER_GROUPS.filter((group) => group.visibleByDefault).map((group) => group.id);

/** How a stop's reach is drawn and measured on the map: a circle, or a walk along the roads. */
export type Along = 'line' | 'roads';

/** The groups drawn for the chosen ones: along the roads, the stops' walks take the circles' place. */
export function drawnLayers(chosen: readonly string[], along: Along): string[] {
  return along === 'roads' ? chosen.map((id) => (id === 'stop-catchments' ? 'stop-walk-catchments' : id)) : [...chosen];
}

/** Layers a click can select a community from, top first. */
export const CLICKABLE_COMMUNITY_LAYERS = ['communities-fill'];
