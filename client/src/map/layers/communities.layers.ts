// Community (社区) layers: a fill coloured by the chosen standard, a thin outline, and names from zoom 12.
import type { FillLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT } from '../base-style';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { communityFillColour } from './community-colour';
import { PALETTE } from './palette';

const source = sourceId('communities');

export const COMMUNITY_FILL = inSlot<FillLayerSpecification>('communities', {
  id: 'communities-fill',
  type: 'fill',
  source,
  'source-layer': 'communities',
  paint: { 'fill-antialias': false, 'fill-color': communityFillColour('bus'), 'fill-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.75, 15, 0.45] },
});

export const COMMUNITY_LINE = inSlot<LineLayerSpecification>('communities', {
  id: 'communities-line',
  type: 'line',
  source,
  'source-layer': 'communities',
  paint: { 'line-color': PALETTE.communityLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.3, 15, 1.2] },
});

/** Drawn from one label point per community (a polygon split across tiles would be labelled once per tile). */
export const COMMUNITY_LABEL_SOURCE = 'atlas-community-labels';

export const COMMUNITY_LABEL = inSlot<SymbolLayerSpecification>('labels', {
  id: 'communities-label',
  type: 'symbol',
  source: COMMUNITY_LABEL_SOURCE,
  minzoom: 12.5,
  layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 12, 'text-max-width': 8 },
  paint: { 'text-color': '#222222', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
});

export const COMMUNITY_LAYERS = [COMMUNITY_FILL, COMMUNITY_LINE];
export const COMMUNITY_LABEL_LAYERS = [COMMUNITY_LABEL];
