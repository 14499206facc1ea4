// Reads the coverage gaps of every area of a level (the uncovered polygons, from server/analysis) for export.
import type { AtlasConfig } from '../config.js';
import type { Database } from '../db/database.js';
import { badInput } from '../errors.js';
import { requireCoverageShapes } from '../auth/policy.js';
import { AREA_LEVELS, type AreaLevel } from '../analysis/area-levels.js';
import { coverageRequest, DEFAULT_STOP_RADIUS_M, type CoverageAlong, type CoverageKind } from '../analysis/catchment-models.js';
import { loadAreaCoverage, loadGaps, maySeeShapes, scopeAreas } from '../analysis/coverage.service.js';
import { createContext } from '../request/context.js';
import type { Viewer } from '../auth/viewer.js';
import type { ExportTable } from './table.js';

export interface GapExportOptions {
  kind: CoverageKind;
  level?: AreaLevel;
  /** Stop radius, or the range of cameras that have none, in metres. */
  radiusMeters?: number;
  districtCode?: string;
  /** Bus stops: a straight-line circle (default) or a walk along the roads. */
  along?: CoverageAlong;
  /** Gap parts smaller than this are left out (slivers along shared edges). */
  minAreaM2?: number;
}

export async function readGapsForExport(db: Database, config: AtlasConfig, viewer: Viewer, options: GapExportOptions): Promise<ExportTable> {
  const level = options.level ?? 'communities';
  if (!AREA_LEVELS.includes(level)) throw badInput(`level must be one of ${AREA_LEVELS.join(', ')}; got "${level}".`);
  if (options.kind !== 'bus-stops' && options.kind !== 'cameras') throw badInput(`Gaps are measured for bus-stops or cameras; got "${options.kind}".`);
  const reach = options.radiusMeters ?? (options.kind === 'bus-stops' ? DEFAULT_STOP_RADIUS_M : config.defaultCameraRangeM);
  const along = options.kind === 'bus-stops' ? options.along ?? 'STRAIGHT_LINE' : 'STRAIGHT_LINE';
  const request = coverageRequest(options.kind, reach, along);
  const ctx = createContext(db, config, viewer);
  requireCoverageShapes(viewer, request.model.sourceLayer, `A gaps export of ${request.model.kind} coverage`);
  const areas = await scopeAreas(ctx, level, options.districtCode ?? null);
  const coverages = await Promise.all(areas.map((a) => loadAreaCoverage(ctx, level, a.code, request)));
  const gaps = await Promise.all(coverages.map((c) => (c?.gapSource ? loadGaps(ctx, c.gapSource, options.minAreaM2 ?? 1) : Promise.resolve(null))));
  const columns = ['code', 'name', 'district_code', 'covered_share', 'area_m2', 'uncovered_area_m2', 'nearest_m', 'radius_m', 'along'];
  const kept = areas.map((area, i) => ({ area, coverage: coverages[i], gap: gaps[i] })).filter((x) => x.coverage && x.gap);
  return {
    name: `gaps-${options.kind}-${level}${along === 'ROADS' ? '-roads' : ''}`,
    columns,
    rows: kept.map(({ area, coverage }) => ({
      code: area.code,
      name: area.name,
      district_code: area.districtCode,
      covered_share: Number(coverage!.coveredShare.toFixed(4)),
      area_m2: Math.round(coverage!.areaM2),
      uncovered_area_m2: Math.round(coverage!.uncoveredAreaM2),
      nearest_m: coverage!.nearestMeters === null ? null : Math.round(coverage!.nearestMeters),
      radius_m: reach,
      along: along === 'ROADS' ? 'roads' : 'straight-line',
    })),
    geometries: kept.map((x) => x.gap),
    points: false,
    labelPoints: kept.map(() => null),
  };
}
