// Standards: the rules, an admin's changes to them, reports for a district or the city, and each community's results.
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { communityRules, evaluateCommunity, standardsReport } from '../../analysis/standards/evaluate.js';
import { loadRules, updateRule } from '../../analysis/standards/rules.js';
import { badInput } from '../../errors.js';
import type { AtlasContext } from '../../request/context.js';
import { standardsReportAsOf } from '../../history/as-of.js';
import { AsOfInput } from '../history/as-of.input.js';
import { Community } from '../community/community.type.js';
import { StandardResult, StandardRule, StandardRuleChange, StandardSummary } from './standards.type.js';

@Resolver(() => StandardRule)
export class StandardsResolver {
  @Query(() => [StandardRule], { description: 'Every standard the hub knows, enabled or not.' })
  standardRules(@Ctx() ctx: AtlasContext) {
    return loadRules(ctx);
  }

  @Query(() => [StandardSummary], { description: 'Each community standard over one district (or the whole city): pass share and the worst communities; with asOf, as a stored snapshot recorded them at a data version or a date (snapshot says which).' })
  async standardsReport(
    @Ctx() ctx: AtlasContext,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only this district.' }) districtCode: string | null,
    @Arg('ruleIds', () => [String], { nullable: true, description: 'Only these standards (default: every enabled community standard).' }) ruleIds: string[] | null,
    @Arg('worst', () => Int, { defaultValue: 10, description: 'How many of the worst communities to list per standard.' }) worst: number,
    @Arg('asOf', () => AsOfInput, { nullable: true, description: 'The report as it stood at a data version or a date, read from history (default: now, computed). Standards not checked then are an error; results keep the targets that applied then.' }) asOf: AsOfInput | null,
  ) {
    if (worst < 0 || worst > 1000) throw badInput(`worst must be from 0 to 1000; got ${worst}.`);
    if (!asOf) return standardsReport(ctx, districtCode, ruleIds, worst);
    const { held, summaries } = await standardsReportAsOf(ctx, { version: asOf.version, at: asOf.at }, districtCode, ruleIds, worst);
    return summaries.map((s) => ({ ...s, snapshot: { takenAt: held.takenAt, dataVersion: String(held.dataVersion) } }));
  }

  @Mutation(() => StandardRule, { description: 'Changes a standard\'s target, per-kind targets, settings or whether it is checked. Admins only.' })
  updateStandardRule(@Ctx() ctx: AtlasContext, @Arg('id', () => String, { description: 'The standard (standardRules lists them).' }) id: string, @Arg('change', () => StandardRuleChange, { description: 'What to change; fields left out keep their value.' }) change: StandardRuleChange) {
    return updateRule(ctx, id, change);
  }
}

@Resolver(() => Community)
export class CommunityStandardsResolver {
  @FieldResolver(() => [StandardResult], { description: 'The community checked against each enabled community standard (or the named ones).' })
  async standards(
    @Root() community: Community,
    @Ctx() ctx: AtlasContext,
    @Arg('ruleIds', () => [String], { nullable: true, description: 'Only these standards.' }) ruleIds: string[] | null,
  ) {
    const rules = await communityRules(ctx, ruleIds);
    return Promise.all(rules.map((rule) => evaluateCommunity(ctx, rule, community.code, community.name)));
  }
}
