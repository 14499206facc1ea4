// Coverage layers: 500 m stop catchments (blue wash), camera view sectors at close zoom (purple), and gaps (red hatch).
import type { FillLayerSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { HATCH_IMAGE_ID } from '../hatch-pattern';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { PALETTE } from './palette';

export const CATCHMENT_FILL = inSlot<FillLayerSpecification>('stop-catchments', {
  id: 'stop-catchments-fill',
  type: 'fill',
  source: sourceId('stop-catchments'),
  'source-layer': 'stop-catchments',
  paint: { 'fill-antialias': false, 'fill-color': PALETTE.catchment, 'fill-opacity': 0.14 },
});

export const CATCHMENT_LINE = inSlot<LineLayerSpecification>('stop-catchments', {
  id: 'stop-catchments-line',
  type: 'line',
  source: sourceId('stop-catchments'),
  'source-layer': 'stop-catchments',
  paint: { 'line-color': PALETTE.catchment, 'line-width': 0.8, 'line-opacity': 0.6 },
});

/** The same stops' walks along the roads (tile layer stop-walk-catchments), drawn in the catchments' slot. */
export const WALK_CATCHMENT_FILL = inSlot<FillLayerSpecification>('stop-catchments', {
  id: 'stop-walk-catchments-fill',
  type: 'fill',
  source: sourceId('stop-walk-catchments'),
  'source-layer': 'stop-walk-catchments',
  paint: { 'fill-antialias': false, 'fill-color': PALETTE.catchment, 'fill-opacity': 0.2 },
});

export const WALK_CATCHMENT_LINE = inSlot<LineLayerSpecification>('stop-catchments', {
  id: 'stop-walk-catchments-line',
  type: 'line',
  source: sourceId('stop-walk-catchments'),
  'source-layer': 'stop-walk-catchments',
  paint: { 'line-color': PALETTE.catchment, 'line-width': 0.8, 'line-opacity': 0.8 },
});

export const SECTOR_FILL = inSlot<FillLayerSpecification>('camera-sectors', {
  id: 'camera-sectors-fill',
  type: 'fill',
  source: sourceId('camera-sectors'),
  'source-layer': 'camera-sectors',
  minzoom: 14,
  paint: { 'fill-color': PALETTE.sector, 'fill-opacity': 0.35, 'fill-outline-color': PALETTE.camera },
});

export const GAP_HATCH = inSlot<FillLayerSpecification>('coverage-gaps', {
  id: 'coverage-gaps-hatch',
  type: 'fill',
  source: sourceId('coverage-gaps'),
  'source-layer': 'coverage-gaps',
  paint: { 'fill-antialias': false, 'fill-pattern': HATCH_IMAGE_ID },
});

export const GAP_LINE = inSlot<LineLayerSpecification>('coverage-gaps', {
  id: 'coverage-gaps-line',
  type: 'line',
  source: sourceId('coverage-gaps'),
  'source-layer': 'coverage-gaps',
  paint: { 'line-color': PALETTE.gap, 'line-width': 1.2 },
});

export const CATCHMENT_LAYERS = [CATCHMENT_FILL, CATCHMENT_LINE];
export const WALK_CATCHMENT_LAYERS = [WALK_CATCHMENT_FILL, WALK_CATCHMENT_LINE];
export const SECTOR_LAYERS = [SECTOR_FILL];
export const GAP_LAYERS = [GAP_HATCH, GAP_LINE];
