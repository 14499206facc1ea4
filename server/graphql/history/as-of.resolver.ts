// `districtAsOf`: a district's coverage in the past (thin: server/history/as-of.ts has the rules and SQL).
import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { districtAsOf } from '../../history/as-of.js';
import type { AtlasContext } from '../../request/context.js';
import { AsOfInput } from './as-of.input.js';
import { DistrictAsOf } from './as-of.type.js';

@Resolver(() => DistrictAsOf)
export class DistrictAsOfResolver {
  @Query(() => DistrictAsOf, { description: 'A district\'s coverage and its communities\' as of a data version or a date, from the standards snapshot holding that data. Every district\'s shares are public; a version no snapshot holds, a date in the future or a district the snapshot did not have is an error that says so.' })
  async districtAsOf(
    @Ctx() ctx: AtlasContext,
    @Arg('code', () => String, { description: 'The district\'s code.' }) code: string,
    @Arg('asOf', () => AsOfInput, { description: 'The data version or the date.' }) asOf: AsOfInput,
  ): Promise<DistrictAsOf> {
    const result = await districtAsOf(ctx, code, { version: asOf.version, at: asOf.at });
    return { ...result, snapshot: { takenAt: result.held.takenAt, dataVersion: String(result.held.dataVersion) } } as DistrictAsOf;
  }
}
