// Live sources (admins only): `sources`, `syncRuns`, and `addSource`, `removeSource`, `syncSource`.
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { SourceInput } from './source.input.js';
import { Source, SyncRun, SyncRunConnection } from './source.type.js';
import { addSourceFromInput, removeSourceById, sourcesList, syncRunPage, syncSourceNow } from './sources.service.js';

@Resolver(() => Source)
export class SourcesResolver {
  @Query(() => [Source], { description: 'The live sources, with their last run, last failure and next run (admins only).' })
  sources(@Ctx() ctx: AtlasContext): Promise<Source[]> {
    return sourcesList(ctx);
  }

  @Query(() => SyncRunConnection, { description: 'Sync runs, newest first (admins only).' })
  syncRuns(
    @Ctx() ctx: AtlasContext,
    @Arg('sourceId', () => ID, { nullable: true, description: 'Only this source\'s runs.' }) sourceId?: string,
    @Arg('first', () => Int, { defaultValue: 20, description: 'How many runs (at most 500).' }) first = 20,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string,
  ): Promise<SyncRunConnection> {
    return syncRunPage(ctx, sourceId, first, after);
  }

  @Mutation(() => Source, { description: 'Adds a live source (admins only); its schedule starts at once. The URL must be http or https.' })
  addSource(@Ctx() ctx: AtlasContext, @Arg('input', () => SourceInput, { description: 'The layer, the URL and how to read and schedule it.' }) input: SourceInput): Promise<Source> {
    return addSourceFromInput(ctx, input);
  }

  @Mutation(() => Boolean, { description: 'Removes a source and its runs (admins only); the features it brought stay in the layer.' })
  removeSource(@Ctx() ctx: AtlasContext, @Arg('id', () => ID, { description: 'The source.' }) id: string): Promise<boolean> {
    return removeSourceById(ctx, id);
  }

  @Mutation(() => SyncRun, { description: 'Syncs a source now (admins only) and returns the run: FAILED with its reason when nothing was applied.' })
  syncSource(@Ctx() ctx: AtlasContext, @Arg('id', () => ID, { description: 'The source.' }) id: string): Promise<SyncRun> {
    return syncSourceNow(ctx, id);
  }
}
