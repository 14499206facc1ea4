// Bus stop layers: blue dots with a white ring from zoom 12 (the city view shows their coverage, not 10,000 specks), names at close zoom.
import type { CircleLayerSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT } from '../base-style';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { PALETTE } from './palette';

const source = sourceId('bus-stops');

export const BUS_STOP_CIRCLE = inSlot<CircleLayerSpecification>('bus-stops', {
  id: 'bus-stops-circle',
  type: 'circle',
  source,
  'source-layer': 'bus-stops',
  minzoom: 12,
  paint: {
    'circle-color': PALETTE.bus,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 1.8, 13, 3.5, 16, 6],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 14, 1.5],
  },
});

export const BUS_STOP_LABEL = inSlot<SymbolLayerSpecification>('labels', {
  id: 'bus-stops-label',
  type: 'symbol',
  source,
  'source-layer': 'bus-stops',
  minzoom: 15,
  layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT, 'text-size': 11, 'text-offset': [0, 1.1], 'text-anchor': 'top' },
  paint: { 'text-color': PALETTE.bus, 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
});

export const BUS_STOP_LAYERS = [BUS_STOP_CIRCLE, BUS_STOP_LABEL];
