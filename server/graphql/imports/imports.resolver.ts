// The import runs (`imports`, `importRun`) and the admin's upload (`importFile`).
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { ImportFileInput } from './import-file.input.js';
import { ImportResult } from './import-result.type.js';
import { ImportRun } from './import-run.type.js';
import { importUpload, listRuns, runById } from './imports.service.js';

@Resolver(() => ImportRun)
export class ImportsResolver {
  @Query(() => [ImportRun], { description: 'Import runs, newest first (signed-in users). Page with `before` = the last id seen.' })
  imports(
    @Ctx() ctx: AtlasContext,
    @Arg('layer', () => String, { nullable: true, description: 'Only runs into this layer.' }) layer?: string,
    @Arg('status', () => String, { nullable: true, description: 'Only runs with this status: completed, failed or running.' }) status?: string,
    @Arg('first', () => Int, { defaultValue: 50, description: 'How many runs (at most 500).' }) first = 50,
    @Arg('before', () => ID, { nullable: true, description: 'Only runs older than this run id.' }) before?: string,
  ): Promise<ImportRun[]> {
    return listRuns(ctx, { layer, status, first, before });
  }

  @Query(() => ImportRun, { nullable: true, description: 'One import run by id (signed-in users).' })
  importRun(@Ctx() ctx: AtlasContext, @Arg('id', () => ID, { description: 'The import run.' }) id: string): Promise<ImportRun | null> {
    return runById(ctx, id);
  }

  @Mutation(() => ImportResult, { description: 'Imports an uploaded file into a layer (admins only): all or nothing unless skipInvalid; a refusal is an IMPORT_REFUSED error naming the file, rows and fields.' })
  importFile(@Ctx() ctx: AtlasContext, @Arg('input', () => ImportFileInput, { description: 'The layer, the file and how to read it.' }) input: ImportFileInput): Promise<ImportResult> {
    return importUpload(ctx, input);
  }
}
