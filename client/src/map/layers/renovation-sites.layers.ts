// Renovation site (老旧小区改造) layers: polygons and points coloured by status (planned, in progress, completed).
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { RENOVATION_PROPS } from '../tile-properties';
import { PALETTE } from './palette';

const source = sourceId('renovation-sites');

export const RENOVATION_STATUS_COLOUR: ExpressionSpecification = [
  'match',
  ['get', RENOVATION_PROPS.status],
  'completed',
  PALETTE.completed,
  'in_progress',
  PALETTE.inProgress,
  PALETTE.planned,
];

export const RENOVATION_FILL = inSlot<FillLayerSpecification>('renovation-sites', {
  id: 'renovation-sites-fill',
  type: 'fill',
  source,
  'source-layer': 'renovation-sites',
  filter: ['==', ['geometry-type'], 'Polygon'],
  paint: { 'fill-antialias': false, 'fill-color': RENOVATION_STATUS_COLOUR, 'fill-opacity': 0.75 },
});

export const RENOVATION_LINE = inSlot<LineLayerSpecification>('renovation-sites', {
  id: 'renovation-sites-line',
  type: 'line',
  source,
  'source-layer': 'renovation-sites',
  filter: ['==', ['geometry-type'], 'Polygon'],
  paint: { 'line-color': '#ffffff', 'line-width': 0.8 },
});

export const RENOVATION_POINT = inSlot<CircleLayerSpecification>('renovation-sites', {
  id: 'renovation-sites-point',
  type: 'circle',
  source,
  'source-layer': 'renovation-sites',
  filter: ['==', ['geometry-type'], 'Point'],
  paint: { 'circle-color': RENOVATION_STATUS_COLOUR, 'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 15, 6], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
});

export const RENOVATION_LAYERS = [RENOVATION_FILL, RENOVATION_LINE, RENOVATION_POINT];
