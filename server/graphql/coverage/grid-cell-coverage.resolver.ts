// Coverage fields of the GridCell type: busStopCoverage(radiusMeters) and cameraCoverage, batched per request.
import { Arg, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../context.js';
import { GridCell } from '../grid-cell/grid-cell.type.js';
import { Coverage } from './coverage.type.js';
import { coverageOf, requestFor } from './coverage-args.js';

@Resolver(() => GridCell)
export class GridCellCoverageResolver {
  @FieldResolver(() => Coverage, { description: 'How much of the area lies within radiusMeters of a bus stop (straight line).' })
  busStopCoverage(
    @Root() area: GridCell,
    @Ctx() ctx: AtlasContext,
    @Arg('radiusMeters', () => Float, { defaultValue: 500, description: 'Catchment radius of each stop, metres.' }) radiusMeters: number,
  ) {
    return coverageOf(ctx, 'grid-cells', area.code, requestFor(ctx, 'bus-stops', radiusMeters), 'GridCell');
  }

  @FieldResolver(() => Coverage, { description: 'How much of the area lies inside the view sector of a camera (missing ranges take the configured default).' })
  cameraCoverage(@Root() area: GridCell, @Ctx() ctx: AtlasContext) {
    return coverageOf(ctx, 'grid-cells', area.code, requestFor(ctx, 'cameras'), 'GridCell');
  }
}
