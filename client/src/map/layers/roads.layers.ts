// Road layers: a grey casing under a white line, widening with zoom, as the base map's streets.
import type { LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { PALETTE } from './palette';

const source = sourceId('roads');

export const ROAD_CASING = inSlot<LineLayerSpecification>('roads', {
  id: 'roads-casing',
  type: 'line',
  source,
  'source-layer': 'roads',
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: { 'line-color': PALETTE.roadCasing, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 1.5, 16, 12] },
});

export const ROAD_LINE = inSlot<LineLayerSpecification>('roads', {
  id: 'roads-line',
  type: 'line',
  source,
  'source-layer': 'roads',
  layout: { 'line-cap': 'round', 'line-join': 'round' },
  paint: { 'line-color': PALETTE.road, 'line-width': ['interpolate', ['exponential', 1.6], ['zoom'], 10, 0.8, 16, 9] },
});

export const ROAD_LAYERS = [ROAD_CASING, ROAD_LINE];
