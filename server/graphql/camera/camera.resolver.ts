// Cameras: list (positions only for roles that may see them), range defaults, links.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { requireCameraPositions } from '../../auth/policy.js';
import type { AtlasContext } from '../../request/context.js';
import { CommunityLinkedListArgs } from '../filters.input.js';
import { listLayer, loadByCode } from '../layer.service.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { Community } from '../community/community.type.js';
import { Camera, CameraConnection } from './camera.type.js';

@Resolver(() => Camera)
export class CameraResolver {
  @Query(() => CameraConnection, { description: 'Cameras, filtered and paged.' })
  cameras(@Args(() => CommunityLinkedListArgs) args: CommunityLinkedListArgs, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    requireCameraPositions(ctx.viewer);
    return listLayer(ctx, 'cameras', args, info);
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community the camera stands in.' })
  community(@Root() camera: Camera, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return camera.communityCode ? loadByCode(ctx, 'communities', camera.communityCode, info) : null;
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() camera: Camera): Provenance {
    return provenanceOf(camera);
  }
}
