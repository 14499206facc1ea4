// Which existing layer a new layer must be inserted before so that it lands in its slot.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { slotIndex, type LayerSlot } from './layer-slots';
import { layerSlot } from './map-layer';

export function beforeLayerId(map: MapLibreMap, slot: LayerSlot): string | undefined {
  const mine = slotIndex(slot);
  for (const layer of map.getStyle().layers) {
    const theirs = layerSlot(layer);
    if (theirs !== undefined && slotIndex(theirs) > mine) return layer.id;
  }
  return undefined;
}
