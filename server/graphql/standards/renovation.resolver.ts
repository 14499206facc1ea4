// The renovation programme by district and year against the plan, and an admin's setting of the districts' shares.
import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { apportionPlan, programmeProgress, storeShares } from '../../analysis/standards/renovation.service.js';
import type { AtlasContext } from '../../request/context.js';
import { DistrictShareInput, PlanShareBasisEnum, RenovationProgramEnum, RenovationProgramme } from './renovation.type.js';

@Resolver(() => RenovationProgramme)
export class RenovationProgrammeResolver {
  @Query(() => RenovationProgramme, { description: 'A renovation programme against its plan: the city and each district, by year (completed, in progress, behind).' })
  renovationProgress(
    @Ctx() ctx: AtlasContext,
    @Arg('program', () => RenovationProgramEnum, { defaultValue: RenovationProgramEnum.CITY, description: 'Which programme.' }) program: RenovationProgramEnum,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only this district in the district list.' }) districtCode: string | null,
  ) {
    return programmeProgress(ctx, program, districtCode);
  }

  @Mutation(() => RenovationProgramme, { description: 'Sets every district\'s share of a programme in proportion to its households or its sites. Admins only.' })
  async apportionRenovationPlan(
    @Ctx() ctx: AtlasContext,
    @Arg('program', () => RenovationProgramEnum, { description: 'Which programme.' }) program: RenovationProgramEnum,
    @Arg('basis', () => PlanShareBasisEnum, { description: 'What each district\'s share is proportional to.' }) basis: PlanShareBasisEnum,
  ) {
    await apportionPlan(ctx, program, basis);
    return programmeProgress(ctx, program);
  }

  @Mutation(() => RenovationProgramme, { description: 'Sets the districts\' shares of a programme by hand (districts left out get none). Admins only.' })
  async setRenovationPlanShares(
    @Ctx() ctx: AtlasContext,
    @Arg('program', () => RenovationProgramEnum, { description: 'Which programme.' }) program: RenovationProgramEnum,
    @Arg('shares', () => [DistrictShareInput], { description: 'The districts\' shares, in proportion to each other; districts left out get none.' }) shares: DistrictShareInput[],
  ) {
    await storeShares(ctx, program, shares);
    return programmeProgress(ctx, program);
  }
}
