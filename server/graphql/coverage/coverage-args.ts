// Turns the GraphQL arguments of a coverage field into a coverage request (kind, reach in metres).
import { coverageRequest, DEFAULT_STOP_RADIUS_M, type CoverageKind, type CoverageRequest } from '../../analysis/catchment-models.js';
import { notFound } from '../../errors.js';
import type { AtlasContext } from '../context.js';

/** Bus stops reach `radiusMeters` (default 500 m); cameras reach their own range, or the configured default where they have none. */
export function requestFor(ctx: AtlasContext, kind: CoverageKind | `${CoverageKind}`, radiusMeters?: number | null): CoverageRequest {
  return kind === 'cameras'
    ? coverageRequest('cameras', ctx.config.defaultCameraRangeM)
    : coverageRequest('bus-stops', radiusMeters ?? DEFAULT_STOP_RADIUS_M);
}

/** The coverage of an area that was read a moment ago; it can only be missing if the area was deleted meanwhile. */
export function found<T>(coverage: T | null, what: string): T {
  if (coverage === null) throw notFound(`${what} is no longer in the store; it was removed while the request ran. Ask again.`);
  return coverage;
}
