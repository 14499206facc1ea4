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
  paint: { 'fill-antialias': false, 'fill-color': '#f6f3ec', 'fill-opacity': 1 },
});

export const DISTRICT_LINE = inSlot<LineLayerSpecification>('district-lines', {
  id: 'districts-line',
  type: 'line',
  source,
  'source-layer': 'districts',
  paint: { 'line-color': PALETTE.district, 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 1.2, 14, 3], 'line-opacity': 0.8 },
});

/** Drawn from one label point per district (a tile-clipped polygon would be labelled once per tile). */
export const DISTRICT_LABEL_SOURCE = 'atlas-district-labels';

export const DISTRICT_LABEL = inSlot<SymbolLayerSpecification>('labels', {
  id: 'districts-label',
  type: 'symbol',
  source: DISTRICT_LABEL_SOURCE,
  maxzoom: 13,
  layout: { 'text-field': ['get', 'name'], 'text-font': LABEL_FONT_BOLD, 'text-size': 15, 'symbol-placement': 'point' },
  paint: { 'text-color': '#3b2f24', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
});

export const DISTRICT_LAYERS = [DISTRICT_FILL, DISTRICT_LINE];
export const DISTRICT_LABEL_LAYERS = [DISTRICT_LABEL];
