// Turns the GraphQL arguments of a coverage field into a coverage request (kind, reach in metres).
import { coverageRequest, DEFAULT_STOP_RADIUS_M, type CoverageAlong, type CoverageKind, type CoverageRequest } from '../../analysis/catchment-models.js';
import type { AreaLevel } from '../../analysis/area-levels.js';
import { knownAreaCoverage, loadAreaCoverage, type CoverageResult } from '../../analysis/coverage.service.js';
import { notFound } from '../../errors.js';
import type { AtlasContext } from '../../request/context.js';

/** Bus stops reach `radiusMeters` (default 500 m); cameras reach their own range, or the configured default where they have none. */
export function requestFor(ctx: AtlasContext, kind: CoverageKind | `${CoverageKind}`, radiusMeters?: number | null, along?: CoverageAlong | null): CoverageRequest {
  return kind === 'cameras'
    ? coverageRequest('cameras', ctx.config.defaultCameraRangeM)
    : coverageRequest('bus-stops', radiusMeters ?? DEFAULT_STOP_RADIUS_M, along ?? 'STRAIGHT_LINE');
}

/** The coverage of an area that was read a moment ago; it can only be missing if the area was deleted meanwhile. */
export function found<T>(coverage: T | null, type: string, code: string): T {
  if (coverage === null) throw notFound(`${type} ${code} is no longer in the store; it was removed while the request ran. Ask again.`);
  return coverage;
}

/**
 * An area's coverage field: synchronous when its page prefetched it (layer.service.ts listLayer), else batched with the
 * request's other areas. `type` names the area in the error when it was deleted meanwhile.
 */
export function coverageOf(ctx: AtlasContext, level: AreaLevel, code: string, request: CoverageRequest, type: string): CoverageResult | Promise<CoverageResult> {
  const known = knownAreaCoverage(ctx, level, code, request);
  if (known !== undefined) return found(known, type, code);
  return loadAreaCoverage(ctx, level, code, request).then((coverage) => found(coverage, type, code));
}
