// Renovation sites: list, checklist, geometry and links.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Float, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { checklistItemsDone, RENOVATION_CHECKLIST } from '../../layers.js';
import type { AtlasContext } from '../../request/context.js';
import { CommunityLinkedListArgs } from '../filters.input.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { listLayer, loadByCode, loadGeometry } from '../layer.service.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { Community } from '../community/community.type.js';
import { ChecklistItem, RenovationSite, RenovationSiteConnection } from './renovation-site.type.js';

@Resolver(() => RenovationSite)
export class RenovationSiteResolver {
  @Query(() => RenovationSiteConnection, { description: 'Renovation sites, filtered and paged.' })
  renovationSites(@Args(() => CommunityLinkedListArgs) args: CommunityLinkedListArgs, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return listLayer(ctx, 'renovation-sites', args, info);
  }

  @FieldResolver(() => [ChecklistItem], { description: 'The 11 items of the renovation standard, in order, with whether each is done.' })
  checklist(@Root() site: RenovationSite): ChecklistItem[] {
    const done = new Set(checklistItemsDone(site.checklist));
    return RENOVATION_CHECKLIST.map((item) => ({ key: item.key, labelZh: item.zh, labelEn: item.en, done: done.has(item) }));
  }

  @FieldResolver(() => Int, { description: 'How many of the 11 checklist items are done.' })
  checklistDone(@Root() site: RenovationSite): number {
    return checklistItemsDone(site.checklist).length;
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'The site\'s polygon or point as GeoJSON, optionally simplified by a tolerance in metres.' })
  geometry(@Root() site: RenovationSite, @Ctx() ctx: AtlasContext, @Arg('simplifyMeters', () => Float, { nullable: true, description: 'Simplification tolerance in metres (0 to 5000); absent or 0 returns the geometry as stored.' }) simplifyMeters?: number) {
    return loadGeometry(ctx, 'renovation-sites', site.code, simplifyMeters, site, 'geometry');
  }

  @FieldResolver(() => Community, { nullable: true, description: 'The community the site lies in.' })
  community(@Root() site: RenovationSite, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo) {
    return site.communityCode ? loadByCode(ctx, 'communities', site.communityCode, info) : null;
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() site: RenovationSite): Provenance {
    return provenanceOf(site);
  }
}
