// What the upload mutation reports: the run, the same summary the CLI prints, and the refused rows.
import { Field, Int, ObjectType } from 'type-graphql';
import { ImportProblem, ImportRun } from './import-run.type.js';

@ObjectType({ description: 'A row of the file that was not written, with every reason.' })
export class RejectedRow {
  @Field(() => Int, { description: 'The row of the file.' })
  row!: number;

  @Field(() => [ImportProblem], { description: 'Why it was refused.' })
  problems!: ImportProblem[];
}

@ObjectType({ description: 'The outcome of an import.' })
export class ImportResult {
  @Field(() => ImportRun, { description: 'The run, as recorded.' })
  run!: ImportRun;

  @Field(() => Int, { description: 'Rows identical to what the store already held (a re-import changes nothing).' })
  rowsUnchanged!: number;

  @Field(() => [String], { description: 'The one-screen summary, line by line, as `atlas import` prints it.' })
  summary!: string[];

  @Field(() => [RejectedRow], { description: 'The rows refused (only with skipInvalid; otherwise a refusal is an IMPORT_REFUSED error).' })
  rejected!: RejectedRow[];

  @Field(() => String, { nullable: true, description: 'The refused rows as a CSV (UTF-8 with BOM), to fix and import again; null when none.' })
  rejectsCsv?: string | null;
}
