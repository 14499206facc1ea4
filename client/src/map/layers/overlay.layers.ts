// Layers drawn from the client's own GeoJSON: the selected community and its gaps, the what-if site, suggested sites.
import type { CircleLayerSpecification, FillLayerSpecification, LineLayerSpecification, SymbolLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { LABEL_FONT_BOLD } from '../base-style';
import { HATCH_IMAGE_ID } from '../hatch-pattern';
import { inSlot } from '../map-layer';
import { PALETTE } from './palette';

export const SELECTION_SOURCE = 'atlas-selection';
export const WHATIF_SOURCE = 'atlas-whatif';
export const SUGGESTION_SOURCE = 'atlas-suggestions';

/** Features of the selection source carry `role`: 'boundary' or 'gap'. */
export const SELECTION_GAP_HATCH = inSlot<FillLayerSpecification>('selection', {
  id: 'selection-gap-hatch',
  type: 'fill',
  source: SELECTION_SOURCE,
  filter: ['==', ['get', 'role'], 'gap'],
  paint: { 'fill-antialias': false, 'fill-pattern': HATCH_IMAGE_ID },
});

export const SELECTION_GAP_LINE = inSlot<LineLayerSpecification>('selection', {
  id: 'selection-gap-line',
  type: 'line',
  source: SELECTION_SOURCE,
  filter: ['==', ['get', 'role'], 'gap'],
  paint: { 'line-color': PALETTE.gap, 'line-width': 1.5 },
});

export const SELECTION_OUTLINE = inSlot<LineLayerSpecification>('selection', {
  id: 'selection-outline',
  type: 'line',
  source: SELECTION_SOURCE,
  filter: ['==', ['get', 'role'], 'boundary'],
  paint: { 'line-color': PALETTE.selection, 'line-width': 3 },
});

/** Features of the what-if source carry `role`: 'site' (the point), 'reach' (its catchment or sector), 'gap' (gaps after). */
export const WHATIF_REACH = inSlot<FillLayerSpecification>('whatif', {
  id: 'whatif-reach',
  type: 'fill',
  source: WHATIF_SOURCE,
  filter: ['==', ['get', 'role'], 'reach'],
  paint: { 'fill-color': PALETTE.whatIf, 'fill-opacity': 0.18, 'fill-outline-color': PALETTE.whatIf },
});

export const WHATIF_GAP = inSlot<FillLayerSpecification>('whatif', {
  id: 'whatif-gap',
  type: 'fill',
  source: WHATIF_SOURCE,
  filter: ['==', ['get', 'role'], 'gap'],
  paint: { 'fill-pattern': HATCH_IMAGE_ID },
});

export const WHATIF_SITE = inSlot<CircleLayerSpecification>('whatif', {
  id: 'whatif-site',
  type: 'circle',
  source: WHATIF_SOURCE,
  filter: ['==', ['get', 'role'], 'site'],
  paint: { 'circle-color': PALETTE.whatIf, 'circle-radius': 8, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
});

export const SUGGESTION_CIRCLE = inSlot<CircleLayerSpecification>('suggestions', {
  id: 'suggestions-circle',
  type: 'circle',
  source: SUGGESTION_SOURCE,
  paint: { 'circle-color': PALETTE.suggestion, 'circle-radius': 9, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
});

export const SUGGESTION_LABEL = inSlot<SymbolLayerSpecification>('suggestions', {
  id: 'suggestions-label',
  type: 'symbol',
  source: SUGGESTION_SOURCE,
  layout: { 'text-field': ['get', 'label'], 'text-font': LABEL_FONT_BOLD, 'text-size': 12, 'text-offset': [0, 1.4], 'text-anchor': 'top', 'text-allow-overlap': true },
  paint: { 'text-color': PALETTE.suggestion, 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
});

export const SELECTION_LAYERS = [SELECTION_GAP_HATCH, SELECTION_GAP_LINE, SELECTION_OUTLINE];
export const WHATIF_LAYERS = [WHATIF_REACH, WHATIF_GAP, WHATIF_SITE];
export const SUGGESTION_LAYERS = [SUGGESTION_CIRCLE, SUGGESTION_LABEL];
