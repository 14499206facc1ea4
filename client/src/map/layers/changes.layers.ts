// The "what changed" layers, drawn from the client's GeoJSON of feature changes: added green, removed red, changed amber.
import type { CircleLayerSpecification, ExpressionSpecification, FillLayerSpecification, LineLayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { inSlot } from '../map-layer';
import { PALETTE } from './palette';

export const CHANGES_SOURCE = 'atlas-changes';

const KIND_COLOUR: ExpressionSpecification = ['match', ['get', 'kind'], 'added', PALETTE.added, 'removed', PALETTE.removed, PALETTE.changed];
const isPoint: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]];
const isArea: ExpressionSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]];
const role = (name: string): ExpressionSpecification => ['==', ['get', 'role'], name];

export const CHANGES_FILL = inSlot<FillLayerSpecification>('changes', {
  id: 'changes-fill',
  type: 'fill',
  source: CHANGES_SOURCE,
  filter: ['all', isArea, role('now')],
  paint: { 'fill-color': KIND_COLOUR, 'fill-opacity': 0.3 },
});

/** Outlines of areas and the lines themselves (roads), as they are now (or were, when removed). */
export const CHANGES_LINE = inSlot<LineLayerSpecification>('changes', {
  id: 'changes-line',
  type: 'line',
  source: CHANGES_SOURCE,
  filter: ['all', ['!', isPoint], role('now')],
  paint: { 'line-color': KIND_COLOUR, 'line-width': 2.5 },
});

/** Where a changed feature stood before it moved, and a point's move: dashed. */
export const CHANGES_WAS_LINE = inSlot<LineLayerSpecification>('changes', {
  id: 'changes-was-line',
  type: 'line',
  source: CHANGES_SOURCE,
  filter: ['all', ['!', isPoint], ['any', role('was'), role('move')]],
  paint: { 'line-color': PALETTE.changed, 'line-width': 1.8, 'line-dasharray': [2, 1.5] },
});

/** A moved point's old place: a hollow ring. */
export const CHANGES_WAS_CIRCLE = inSlot<CircleLayerSpecification>('changes', {
  id: 'changes-was-circle',
  type: 'circle',
  source: CHANGES_SOURCE,
  filter: ['all', isPoint, role('was')],
  paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-opacity': 0.7, 'circle-stroke-color': PALETTE.changed, 'circle-stroke-width': 2 },
});

export const CHANGES_CIRCLE = inSlot<CircleLayerSpecification>('changes', {
  id: 'changes-circle',
  type: 'circle',
  source: CHANGES_SOURCE,
  filter: ['all', isPoint, role('now')],
  paint: { 'circle-radius': 7, 'circle-color': KIND_COLOUR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
});

export const CHANGES_LAYERS = [CHANGES_FILL, CHANGES_LINE, CHANGES_WAS_LINE, CHANGES_WAS_CIRCLE, CHANGES_CIRCLE];
