// Coverage fields of the GridCell type: busStopCoverage(radiusMeters) and cameraCoverage, batched per request.
import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { GridCell } from '../grid-cell/grid-cell.type.js';
import { Coverage } from './coverage.type.js';
import { coverageOf, requestFor } from './coverage-args.js';
import { CoverageAlongEnum } from './coverage-along.enum.js';

@Resolver(() => GridCell)
export class GridCellCoverageResolver {
  @FieldResolver(() => Coverage, { description: 'How much of the area lies within radiusMeters of a bus stop: in a straight line, or walking along the roads (along: ROADS).' })
  busStopCoverage(
    @Root() area: GridCell,
    @Ctx() ctx: AtlasContext,
    @Arg('radiusMeters', () => Float, { defaultValue: 500, description: 'Catchment radius of each stop, metres.' }) radiusMeters: number,
    @Arg('along', () => CoverageAlongEnum, { defaultValue: CoverageAlongEnum.STRAIGHT_LINE, description: 'Straight line, or walking along the roads.' }) along: CoverageAlongEnum,
  ) {
    return coverageOf(ctx, 'grid-cells', area.code, requestFor(ctx, 'bus-stops', radiusMeters, along), 'GridCell');
  }

  @FieldResolver(() => Coverage, { description: 'How much of the area lies inside the view sector of a camera (missing ranges take the configured default).' })
  cameraCoverage(@Root() area: GridCell, @Ctx() ctx: AtlasContext) {
    return coverageOf(ctx, 'grid-cells', area.code, requestFor(ctx, 'cameras'), 'GridCell');
  }
}
