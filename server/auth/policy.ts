// The access rules in one place: who sees camera positions, what a caller may learn about cameras, who may write,
// and errors that give nothing away. Every face (GraphQL, tiles, exports, OGC) asks these functions; none decides
// for itself. Which ROWS a viewer reads is auth/scope.ts, built on canSeeCameraPositions below.
import type { LayerName } from '../layers.js';
import { forbidden } from '../errors.js';
import type { Viewer } from './viewer.js';

/** Camera positions are security information: analysts, officials (of their own district, by the SQL scope) and admins. */
export function canSeeCameraPositions(viewer: Viewer): boolean {
  return viewer.role === 'analyst' || viewer.role === 'admin' || (viewer.role === 'official' && Boolean(viewer.districtCode));
}

/**
 * What a viewer may learn of the coverage that the sites of `sites` (bus stops or cameras) give an area lying in
 * district `areaDistrictCode`:
 * - `'shapes'`: the covered share and areas, and also what draws where the sites stand or look: the uncovered
 *   polygons (gaps, on the map and in the gaps exports), the distance to the nearest site, what-if with proposed or
 *   removed sites, and suggested sites (each a point inside a gap);
 * - `'shares'`: the covered share and the covered and uncovered areas of the area, nothing else.
 *
 * The one rule (README "Who sees what"): a coverage's shapes are shown exactly where its sites' positions are.
 * Bus stops are public facts: shapes for everyone. Cameras: analysts and admins everywhere, an official in their own
 * district (shares of the others), the public shares only — a what-if or a suggested camera would otherwise be an
 * oracle for where cameras look.
 *
 * `areaDistrictCode` undefined: the areas are the ones the viewer's row scope (auth/scope.ts) already let them read.
 */
export function coverageDetail(viewer: Viewer, sites: LayerName, areaDistrictCode?: string | null): 'shapes' | 'shares' {
  if (sites !== 'cameras') return 'shapes';
  if (!canSeeCameraPositions(viewer)) return 'shares';
  if (viewer.role === 'official' && areaDistrictCode !== undefined && areaDistrictCode !== viewer.districtCode) return 'shares';
  return 'shapes';
}

/** True when the viewer may see the gaps of, and distances to, the sites of `sites` (coverageDetail is 'shapes'). */
export function maySeeCoverageShapes(viewer: Viewer, sites: LayerName, areaDistrictCode?: string | null): boolean {
  return coverageDetail(viewer, sites, areaDistrictCode) === 'shapes';
}

/**
 * Throws FORBIDDEN unless the viewer may see the coverage shapes of `sites`: before a question whose answer is made of
 * them (what-if, suggested sites, a gaps export). `question` names it in the sentence.
 */
export function requireCoverageShapes(viewer: Viewer, sites: LayerName, question: string): void {
  if (maySeeCoverageShapes(viewer, sites)) return;
  throw forbidden(
    `${question} would tell where cameras stand or look, which is not public: the public reads the covered share of areas only ` +
      '(cameraCoverage { coveredShare coveredAreaM2 uncoveredAreaM2 }). Sign in with an analyst, official or admin token (npx atlas token --role analyst).',
  );
}

/** Only an admin imports, deletes or changes standards. */
export function canWrite(viewer: Viewer): boolean {
  return viewer.role === 'admin';
}

/** Throws FORBIDDEN unless the viewer may see camera positions; the message says nothing about what exists. */
export function requireCameraPositions(viewer: Viewer): void {
  if (!canSeeCameraPositions(viewer)) {
    throw forbidden('Camera positions are not public. Sign in with an analyst, official or admin token (npx atlas token --role analyst) to see them.');
  }
}

/** Throws FORBIDDEN unless the viewer is an admin. */
export function requireAdmin(viewer: Viewer, action = 'change data'): void {
  if (!canWrite(viewer)) throw forbidden(`Only an admin may ${action}. Sign in with an admin token (npx atlas token --role admin).`);
}
