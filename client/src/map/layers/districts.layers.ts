// District (区县) layers: a pale fill at the bottom, a strong boundary line and the name on top.
import type { FillLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT_BOLD } from '../base-style';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { PALETTE } from './palette';

const source = sourceId('districts');

export const DISTRICT_FILL = inSlot<FillLayerSpecification>('districts', {
  id: 'districts-fill',
  type: 'fill',
  source,
  'source-layer': 'districts',
  paint: { 'fill-color': '#f6f3ec', 'fill-opacity': 1 },
});

export const DISTRICT_LINE = inSlot<LineLayerSpecification>('district-lines', {
  id: 'districts-line',
  type: 'line',
  source,
  'source-layer': 'districts',
  paint: { 'line-color': PALETTE.district, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 3], 'line-opacity': 0.8 },
});

export const DISTRICT_LABEL = inSlot<SymbolLayerSpecification>('labels', {
  id: 'districts-label',
  type: 'symbol',
  source,
  'source-layer': 'districts',
  maxzoom: 12,
  layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT_BOLD, 'text-size': 15, 'symbol-placement': 'point' },
  paint: { 'text-color': '#3b2f24', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
});

export const DISTRICT_LAYERS = [DISTRICT_FILL, DISTRICT_LINE, DISTRICT_LABEL];
