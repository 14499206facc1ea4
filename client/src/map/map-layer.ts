// The typed shape of one MapLibre layer spec as the layer-style files declare it, tagged with its drawing slot.
import type { LayerSpecification } from '@maplibre/maplibre-gl-style-spec';
import { SLOT_KEY, type LayerSlot } from './layer-slots';

export type AtlasLayer = LayerSpecification & { metadata: { [SLOT_KEY]: LayerSlot } };

/** Tags a layer spec with its slot, keeping its exact type. */
export function inSlot<T extends LayerSpecification>(slot: LayerSlot, layer: T): T & AtlasLayer {
  return { ...layer, metadata: { [SLOT_KEY]: slot } } as T & AtlasLayer;
}

export function layerSlot(layer: { metadata?: unknown }): LayerSlot | undefined {
  const metadata = layer.metadata as Record<string, unknown> | undefined;
  return metadata?.[SLOT_KEY] as LayerSlot | undefined;
}
