// What-if and suggested sites for bus stops and cameras, over one community, grid cell, district or the city.
import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { suggestSites, whatIf } from '../../analysis/scenarios.service.js';
import type { AtlasContext } from '../../request/context.js';
import { CoverageKindEnum } from './coverage.type.js';
import { CoverageAlongEnum } from './coverage-along.enum.js';
import { requestFor } from './coverage-args.js';
import { CoverageScopeInput, ProposedSiteInput, SiteSuggestions, WhatIfResult } from './scenarios.type.js';

@Resolver()
export class ScenariosResolver {
  @Query(() => WhatIfResult, { description: 'Coverage of a scope with proposed stops or cameras added and existing ones removed, before and after. Nothing is written.' })
  whatIf(
    @Ctx() ctx: AtlasContext,
    @Arg('kind', () => CoverageKindEnum, { description: 'Bus stops or cameras (cameras: analysts, officials of their district and admins only).' }) kind: CoverageKindEnum,
    @Arg('scope', () => CoverageScopeInput, { nullable: true, description: 'Where to measure; the whole city when left out.' }) scope: CoverageScopeInput | null,
    @Arg('add', () => [ProposedSiteInput], { defaultValue: [], description: 'Proposed new sites.' }) add: ProposedSiteInput[],
    @Arg('removeCodes', () => [String], { defaultValue: [], description: 'Codes of existing sites to leave out.' }) removeCodes: string[],
    @Arg('radiusMeters', () => Float, { nullable: true, description: 'Stop radius in metres (bus stops; default 500).' }) radiusMeters: number | null,
    @Arg('along', () => CoverageAlongEnum, { defaultValue: CoverageAlongEnum.STRAIGHT_LINE, description: 'Bus stops: straight line, or walking along the roads (a proposed stop then walks from its nearest point on the network).' }) along: CoverageAlongEnum,
  ) {
    return whatIf(ctx, requestFor(ctx, kind, radiusMeters, along), scope, add, removeCodes);
  }

  @Query(() => SiteSuggestions, { description: 'Where to add `count` stops or cameras to cover the most uncovered area (greedy maximal covering, existing sites kept).' })
  async suggestSites(
    @Ctx() ctx: AtlasContext,
    @Arg('kind', () => CoverageKindEnum, { description: 'Bus stops or cameras (cameras: analysts, officials of their district and admins only).' }) kind: CoverageKindEnum,
    @Arg('scope', () => CoverageScopeInput, { nullable: true, description: 'Where to place them; the whole city when left out.' }) scope: CoverageScopeInput | null,
    @Arg('count', () => Int, { defaultValue: 5, description: 'How many sites to suggest (1 to 50).' }) count: number,
    @Arg('radiusMeters', () => Float, { nullable: true, description: 'Catchment radius of a stop (default 500), or range of a suggested all-round camera (default: the configured camera range).' }) radiusMeters: number | null,
    @Arg('along', () => CoverageAlongEnum, { defaultValue: CoverageAlongEnum.STRAIGHT_LINE, description: 'Bus stops: straight line, or walking along the roads (suggested stops then stand on the network and cover their walk).' }) along: CoverageAlongEnum,
  ) {
    const request = requestFor(ctx, kind, radiusMeters, along);
    const siteRadiusM = kind === CoverageKindEnum.CAMERAS ? (radiusMeters ?? ctx.config.defaultCameraRangeM) : request.reachM;
    const result = await suggestSites(ctx, request, scope, count, siteRadiusM);
    return { ...result, suggestions: result.suggestions.map((s) => ({ ...s, location: { type: 'Point', coordinates: [s.lon, s.lat] } })) };
  }
}
