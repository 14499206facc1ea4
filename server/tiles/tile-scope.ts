// What a viewer may see in tiles: the same rule as GraphQL (an official reads one district), plus camera positions hidden from anonymous visitors.
import { canSeeCameraPositions } from '../auth/policy.js';
import type { Viewer } from '../graphql/viewer.js';

export interface TileScope {
  /** Part of every cache key and ETag: tiles for different scopes never mix. */
  key: string;
  /** The only district an official may read (an empty string matches nothing); null for everyone else. */
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
