// Grid cells: list, boundary, and the community each belongs to.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { CommunityLinkedListArgs } from '../filters.input.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { listLayer, loadByCode, loadGeometry } from '../layer.service.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { Community } from '../community/community.type.js';
import { GridCell, GridCellConnection } from './grid-cell.type.js';

@Resolver(() => GridCell)
export class GridCellResolver {
  @Query(() => GridCellConnection, { description: 'Grid cells, filtered and paged.' })
  gridCells(@Args(() => CommunityLinkedListArgs) args: CommunityLinkedListArgs, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return listLayer(ctx, 'grid-cells', args, info);
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'The boundary as GeoJSON, optionally simplified by a tolerance in metres.' })
  boundary(@Root() cell: GridCell, @Ctx() ctx: AtlasContext, @Arg('simplifyMeters', () => Float, { nullable: true, description: 'Simplification tolerance in metres (0 to 5000); absent or 0 returns the geometry as stored.' }) simplifyMeters?: number) {
    return loadGeometry(ctx, 'grid-cells', cell.code, simplifyMeters, cell, 'boundary');
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community the grid cell belongs to.' })
  community(@Root() cell: GridCell, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return cell.communityCode ? loadByCode(ctx, 'communities', cell.communityCode, info) : null;
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() cell: GridCell): Provenance {
    return provenanceOf(cell);
  }
}
