// Bus stops: list and links.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { CommunityLinkedListArgs } from '../filters.input.js';
import { listLayer, loadByCode } from '../layer.service.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { Community } from '../community/community.type.js';
import { BusStop, BusStopConnection } from './bus-stop.type.js';

@Resolver(() => BusStop)
export class BusStopResolver {
  @Query(() => BusStopConnection, { description: 'Bus stops, filtered and paged.' })
  busStops(@Args(() => CommunityLinkedListArgs) args: CommunityLinkedListArgs, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return listLayer(ctx, 'bus-stops', args, info);
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community the stop stands in.' })
  community(@Root() stop: BusStop, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return stop.communityCode ? loadByCode(ctx, 'communities', stop.communityCode, info) : null;
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() stop: BusStop): Provenance {
    return provenanceOf(stop);
  }
}
