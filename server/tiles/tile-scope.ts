// Who is asking, for tiles: the cache key of their scope, their district's extent, and the tile layers they may open.
// Which rows a tile draws is auth/scope.ts's rowScope per layer (tile.service.ts); nothing here decides it again.
import { canSeeCameraPositions } from '../auth/policy.js';
import { rowScope } from '../auth/scope.js';
import type { Viewer } from '../auth/viewer.js';
import { LAYERS } from '../layers.js';
import { TILE_LAYER_NAMES, TILE_LAYERS, type TileLayerName } from './tile-layers.js';

export interface TileScope {
  /** Part of every cache key and ETag: tiles for different scopes never mix. */
  key: string;
  /** An official's district (an empty string matches nothing), null for everyone else: the extent TileJSON
   *  advertises. Which rows a tile draws is auth/scope.ts's rule per layer (tile.service.ts). */
  districtCode: string | null;
  /** Whether a shared cache may keep the tile (only what anyone may see). */
  shareable: boolean;
}

export function tileScope(viewer: Viewer): TileScope {
  if (viewer.role === 'official') return { key: `district:${viewer.districtCode ?? ''}`, districtCode: viewer.districtCode ?? '', shareable: false };
  if (!canSeeCameraPositions(viewer)) return { key: 'public', districtCode: null, shareable: true };
  return { key: 'all', districtCode: null, shareable: false };
}

/** The tile layers whose rows the viewer may read some of (auth/scope.ts): the public's list has no camera layers. */
export function visibleTileLayers(viewer: Viewer): TileLayerName[] {
  return TILE_LAYER_NAMES.filter((name) => rowScope(LAYERS[TILE_LAYERS[name].rowsOf], viewer).rows !== 'none');
}
