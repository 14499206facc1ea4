// Grid cell (网格) layers: dashed outlines from zoom 12, and a red tint on cells that have no grid worker.
import type { FillLayerSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { inSlot } from '../map-layer';
import { sourceId } from '../tile-source';
import { GRID_PROPS } from '../tile-properties';
import { PALETTE } from './palette';

const source = sourceId('grid-cells');

export const GRID_NO_WORKER_FILL = inSlot<FillLayerSpecification>('grid-cells', {
  id: 'grid-cells-no-worker',
  type: 'fill',
  source,
  'source-layer': 'grid-cells',
  minzoom: 12,
  filter: ['==', ['get', GRID_PROPS.hasWorker], false],
  paint: { 'fill-antialias': false, 'fill-color': PALETTE.fail, 'fill-opacity': 0.35 },
});

export const GRID_LINE = inSlot<LineLayerSpecification>('grid-cells', {
  id: 'grid-cells-line',
  type: 'line',
  source,
  'source-layer': 'grid-cells',
  minzoom: 12,
  paint: { 'line-color': PALETTE.grid, 'line-width': 0.7, 'line-dasharray': [3, 2], 'line-opacity': 0.7 },
});

export const GRID_LAYERS = [GRID_NO_WORKER_FILL, GRID_LINE];
