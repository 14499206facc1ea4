// When the data last changed: printed on reports, so an official can say which data a figure was measured on.
import { Ctx, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';

@Resolver()
export class DataVersionResolver {
  @Query(() => String, { nullable: true, description: 'When the data last changed (the latest import into any layer), ISO 8601 in UTC; null for an empty store.' })
  async dataChangedAt(@Ctx() ctx: AtlasContext): Promise<string | null> {
    const { rows } = await ctx.db.query<{ at: string | null }>(
      `SELECT to_char(max(changed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM layer_versions WHERE version > 0`,
    );
    return rows[0]?.at ?? null;
  }
}
