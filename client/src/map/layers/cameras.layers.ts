// Camera layers: small purple dots (only in tiles for viewers allowed to see camera positions).
import type { CircleLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { PALETTE } from './palette';

export const CAMERA_CIRCLE = inSlot<CircleLayerSpecification>('cameras', {
  id: 'cameras-circle',
  type: 'circle',
  source: sourceId('cameras'),
  'source-layer': 'cameras',
  minzoom: 11,
  paint: {
    'circle-color': PALETTE.camera,
    'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 1.5, 16, 4.5],
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 0.8,
  },
});

export const CAMERA_LAYERS = [CAMERA_CIRCLE];
