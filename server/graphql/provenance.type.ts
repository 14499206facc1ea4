// Where a record came from: the source, the import run and the row of the file.
import 'reflect-metadata';
import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Where a record came from.' })
export class Provenance {
  @Field(() => String, { description: 'The source (department or file) that loaded the record.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The id of the import run that last wrote the record.' })
  importRunId?: string | null;

  @Field(() => Int, { nullable: true, description: 'The row (or feature number) in the imported file.' })
  sourceRow?: number | null;
}

export function provenanceOf(row: { source?: unknown; importRunId?: unknown; sourceRow?: unknown }): Provenance {
  return { source: String(row.source ?? ''), importRunId: row.importRunId == null ? null : String(row.importRunId), sourceRow: (row.sourceRow as number | null) ?? null };
}
