// The drawing order of the map's layer groups, bottom to top; a group re-added later still lands in its slot.

export const LAYER_SLOTS = [
  'districts',
  'communities',
  'roads',
  'grid-cells',
  'stop-catchments',
  'camera-sectors',
  'coverage-gaps',
  'renovation-sites',
  'selection',
  'district-lines',
  'whatif',
  'bus-stops',
  'cameras',
  'changes',
  'suggestions',
  'labels',
] as const;

export type LayerSlot = (typeof LAYER_SLOTS)[number];

export const SLOT_KEY = 'atlas:slot';

export function slotIndex(slot: LayerSlot): number {
  return LAYER_SLOTS.indexOf(slot);
}
