// Communities: list, one by code, and the links to grids, stops, cameras, renovation sites and district.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { LayerListArgs } from '../filters.input.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { listLayer, loadByCode, loadGeometry, loadLinked, loadWithinCommunity } from '../layer.service.js';
import { loadLabelPoint } from '../../store/label-points.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { District } from '../district/district.type.js';
import { GridCell } from '../grid-cell/grid-cell.type.js';
import { BusStop } from '../bus-stop/bus-stop.type.js';
import { Camera } from '../camera/camera.type.js';
import { RenovationSite } from '../renovation-site/renovation-site.type.js';
import { Community, CommunityConnection } from './community.type.js';

@Resolver(() => Community)
export class CommunityResolver {
  @Query(() => CommunityConnection, { description: 'Communities, filtered and paged.' })
  communities(@Args(() => LayerListArgs) args: LayerListArgs, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return listLayer(ctx, 'communities', args, info);
  }

  @Query(() => Community, { nullable: true, description: 'One community by code; null when there is none (or it is not yours to read).' })
  community(@Arg('code', () => String, { description: 'The community\'s code.' }) code: string, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return loadByCode(ctx, 'communities', code, info);
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'The boundary as GeoJSON, optionally simplified by a tolerance in metres.' })
  boundary(@Root() community: Community, @Ctx() ctx: AtlasContext, @Arg('simplifyMeters', () => Float, { nullable: true, description: 'Simplification tolerance in metres (0 to 5000); absent or 0 returns the geometry as stored.' }) simplifyMeters?: number) {
    return loadGeometry(ctx, 'communities', community.code, simplifyMeters, community, 'boundary');
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Where to write its name on a map: a Point inside the community, the centre of the largest circle that fits in it.' })
  labelPoint(@Root() community: Community, @Ctx() ctx: AtlasContext) {
    return loadLabelPoint(ctx, 'communities', community.code);
  }

  @FieldResolver(() => District, { nullable: true, description: 'The district that contains the community.' })
  district(@Root() community: Community, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return community.districtCode ? loadByCode(ctx, 'districts', community.districtCode, info) : null;
  }

  @FieldResolver(() => [GridCell], { description: 'The management grid cells (网格) of the community.' })
  gridCells(@Root() community: Community, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return loadLinked(ctx, 'grid-cells', 'community_code', community.code, info);
  }

  @FieldResolver(() => [BusStop], { description: 'Bus stops within a distance of the community (0 = inside it), in metres.' })
  busStops(
    @Root() community: Community,
    @Ctx() ctx: AtlasContext,
    @Arg('withinMeters', () => Float, { defaultValue: 500, description: 'How far from the community a stop may stand, in metres (0 to 5000; 0 = inside it).' }) withinMeters: number,
    @Info() info: GraphQLResolveInfo,
  ) {
    return loadWithinCommunity(ctx, 'bus-stops', community.code, withinMeters, info);
  }

  @FieldResolver(() => [Camera], { description: 'Cameras standing inside the community.' })
  cameras(@Root() community: Community, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return loadLinked(ctx, 'cameras', 'community_code', community.code, info);
  }

  @FieldResolver(() => [RenovationSite], { description: 'Old-compound renovation sites in the community.' })
  renovationSites(@Root() community: Community, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return loadLinked(ctx, 'renovation-sites', 'community_code', community.code, info);
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() community: Community): Provenance {
    return provenanceOf(community);
  }
}
