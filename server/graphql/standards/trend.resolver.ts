// `standardsTrend`: a standard month by month (thin: server/history/snapshots.ts has the rules and SQL).
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { badInput } from '../../errors.js';
import { standardsTrend } from '../../history/snapshots.js';
import type { AtlasContext } from '../../request/context.js';
import { TrendPoint } from './trend.type.js';

const dateArg = (value: string | undefined, name: string) => {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw badInput(`${name} must be a date or a date and time (ISO 8601, e.g. 2026-01-01); got "${value}".`);
  return date;
};

@Resolver()
export class StandardsTrendResolver {
  @Query(() => [TrendPoint], { description: 'A standard\'s pass share month by month (the last snapshot of each month), for one district or the whole city, from stored history: nothing is recomputed. An official reads their own district.' })
  async standardsTrend(
    @Ctx() ctx: AtlasContext,
    @Arg('ruleId', () => String, { description: 'The standard (standardRules lists them).' }) ruleId: string,
    @Arg('districtCode', () => String, { nullable: true, description: 'Only this district (default: the whole city, or an official\'s own district).' }) districtCode?: string,
    @Arg('from', () => String, { nullable: true, description: 'From this date (ISO 8601; default: 24 months before `to`).' }) from?: string,
    @Arg('to', () => String, { nullable: true, description: 'Up to this date (ISO 8601; default: now).' }) to?: string,
  ): Promise<TrendPoint[]> {
    const points = await standardsTrend(ctx.db, ctx.config, ctx.viewer, { ruleId, districtCode, from: dateArg(from, 'from'), to: dateArg(to, 'to') });
    return points.map((p) => ({ ...p, at: new Date(p.at).toISOString() }));
  }
}
