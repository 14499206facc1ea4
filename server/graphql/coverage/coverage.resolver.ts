// Coverage queries: the whole city or a district, ranked lists worst first, and the gap polygons of any Coverage.
import { Arg, Ctx, FieldResolver, Float, Int, Query, Resolver, Root } from 'type-graphql';
import { coverageRanking, loadGaps, scopeCoverage } from '../../analysis/coverage.service.js';
import type { AtlasContext } from '../../request/context.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { badInput } from '../../errors.js';
import { AreaLevelEnum, Coverage, CoverageKindEnum, CoverageRanking } from './coverage.type.js';
import { requestFor } from './coverage-args.js';
import { CoverageAlongEnum } from './coverage-along.enum.js';
import { WalkNetwork } from './walk-network.type.js';
import { walkNetworkStatus } from '../../analysis/walk/walk-catchments.js';
import { DEFAULT_STOP_RADIUS_M } from '../../analysis/catchment-models.js';

@Resolver(() => Coverage)
export class CoverageResolver {
  @Query(() => Coverage, { description: 'Coverage of the whole city (every district the caller may read), or of one district.' })
  cityCoverage(
    @Arg('kind', () => CoverageKindEnum, { description: 'What covers the areas: bus stops or cameras (cameras: shares only for the public).' }) kind: CoverageKindEnum,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only this district.' }) districtCode: string | null,
    @Arg('radiusMeters', () => Float, { nullable: true, description: 'Stop radius in metres (bus stops; default 500). Cameras use their own ranges.' }) radiusMeters: number | null,
    @Arg('along', () => CoverageAlongEnum, { defaultValue: CoverageAlongEnum.STRAIGHT_LINE, description: 'Bus stops: straight line, or walking along the roads.' }) along: CoverageAlongEnum,
    @Ctx() ctx: AtlasContext,
  ) {
    return scopeCoverage(ctx, requestFor(ctx, kind, radiusMeters, along), districtCode);
  }

  @Query(() => WalkNetwork, { nullable: true, description: 'The walking network of the roads layer and the stops off it (built first if the roads or stops changed); null before any road is imported.' })
  walkNetwork(@Ctx() ctx: AtlasContext) {
    return walkNetworkStatus(ctx.db, DEFAULT_STOP_RADIUS_M).then((status) => status ?? null);
  }

  @Query(() => CoverageRanking, { description: 'Communities, grid cells or districts ranked by coverage, worst first, in one district or the whole city.' })
  async coverageRanking(
    @Arg('kind', () => CoverageKindEnum, { description: 'What covers the areas: bus stops or cameras (cameras: shares only for the public).' }) kind: CoverageKindEnum,
    @Arg('level', () => AreaLevelEnum, { defaultValue: AreaLevelEnum.COMMUNITY, description: 'Which areas to rank.' }) level: AreaLevelEnum,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only areas in this district.' }) districtCode: string | null,
    @Arg('radiusMeters', () => Float, { nullable: true, description: 'Stop radius in metres (bus stops; default 500).' }) radiusMeters: number | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many to return (at most 5000).' }) first: number,
    @Arg('along', () => CoverageAlongEnum, { defaultValue: CoverageAlongEnum.STRAIGHT_LINE, description: 'Bus stops: straight line, or walking along the roads.' }) along: CoverageAlongEnum,
    @Ctx() ctx: AtlasContext,
  ) {
    if (first < 0 || first > 5000) throw badInput(`first must be from 0 to 5000; got ${first}.`);
    const ranking = await coverageRanking(ctx, level, requestFor(ctx, kind, radiusMeters, along), districtCode, first);
    return { totalCount: ranking.totalCount, nodes: ranking.nodes.map((n) => ({ level, ...n })) };
  }

  @FieldResolver(() => GeoJSONScalar, {
    nullable: true,
    description: 'The uncovered part as a MultiPolygon (WGS84); null where the shapes are hidden from the caller (camera coverage for anonymous callers).',
  })
  gaps(
    @Root() coverage: Coverage,
    @Arg('minAreaM2', () => Float, { defaultValue: 0, description: 'Leave out uncovered slivers smaller than this, m².' }) minAreaM2: number,
    @Ctx() ctx: AtlasContext,
  ) {
    if (!coverage.gapSource) return null;
    if (!(minAreaM2 >= 0)) throw badInput(`minAreaM2 must be 0 or more square metres; got ${minAreaM2}.`);
    return loadGaps(ctx, coverage.gapSource, minAreaM2);
  }
}
