// Who is asking, for tiles: the cache key of their scope, their district's extent, and whether they see camera positions.
import { canSeeCameraPositions } from '../auth/policy.js';
import type { Viewer } from '../auth/viewer.js';

export interface TileScope {
  /** Part of every cache key and ETag: tiles for different scopes never mix. */
  key: string;
  /** An official's district (an empty string matches nothing), null for everyone else: the extent TileJSON
   *  advertises. Which rows a tile draws is auth/scope.ts's rule per layer (tile.service.ts). */
  districtCode: string | null;
  /** Anonymous visitors see coverage but not where cameras stand (PRODUCT.md "Security"). */
  seesCameraPositions: boolean;
  /** Whether a shared cache may keep the tile (only what anyone may see). */
  shareable: boolean;
}

export function tileScope(viewer: Viewer): TileScope {
  if (viewer.role === 'official') {
    const districtCode = viewer.districtCode ?? '';
    return { key: `district:${districtCode}`, districtCode, seesCameraPositions: canSeeCameraPositions(viewer), shareable: false };
  }
  if (!canSeeCameraPositions(viewer)) return { key: 'public', districtCode: null, seesCameraPositions: false, shareable: true };
  return { key: 'all', districtCode: null, seesCameraPositions: true, shareable: false };
}
