// An import run as GraphQL shows it: what was loaded, from where, by whom, and what happened to the rows.
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A problem found in one row of an imported file (or a repair made to it).' })
export class ImportProblem {
  @Field(() => Int, { description: 'The row: the line of a CSV (header = 1), the feature number of GeoJSON or a Shapefile; 0 for the file as a whole.' })
  row!: number;

  @Field(() => String, { nullable: true, description: 'The column or field the problem is in ("geometry" for positions and shapes).' })
  field?: string | null;

  @Field(() => String, { description: 'What was wrong (or what was repaired), in a sentence.' })
  message!: string;
}

@ObjectType({ description: 'One run of the importer: a file loaded (or refused) into a layer.' })
export class ImportRun {
  @Field(() => ID, { description: 'The run id; every record written by the run carries it as provenance.importRunId.' })
  id!: string;

  @Field(() => String, { description: 'The layer, by its CLI name (bus-stops, communities, …).' })
  layer!: string;

  @Field(() => String, { description: 'The source name; re-imports from the same source update its records in place.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'The file name as given.' })
  fileName?: string | null;

  @Field(() => String, { nullable: true, description: 'The SHA-256 of the file, hex.' })
  fileSha256?: string | null;

  @Field(() => String, { nullable: true, description: 'The format read: geojson, csv, gtfs or shapefile.' })
  format?: string | null;

  @Field(() => String, { nullable: true, description: 'The coordinate system the file was read in: wgs84, gcj02, bd09, cgcs2000, EPSG:n or prj:<name>.' })
  crs?: string | null;

  @Field(() => String, { nullable: true, description: 'The text encoding used (utf-8, gb18030, …).' })
  encoding?: string | null;

  @Field(() => Int, { description: 'Features (rows) read from the file.' })
  rowsRead!: number;

  @Field(() => Int, { description: 'Records inserted or changed.' })
  rowsWritten!: number;

  @Field(() => Int, { description: 'Rows whose geometry was invalid and was repaired with ST_MakeValid.' })
  rowsRepaired!: number;

  @Field(() => Int, { description: 'Rows refused (not written).' })
  rowsRefused!: number;

  @Field(() => Int, { description: 'Records of this source removed because the file no longer had them (replace).' })
  rowsRemoved!: number;

  @Field(() => String, { nullable: true, description: 'Who ran the import.' })
  actor?: string | null;

  @Field(() => String, { description: 'completed, failed (nothing written), or running.' })
  status!: string;

  @Field(() => String, { description: 'When the run started (ISO 8601).' })
  startedAt!: string;

  @Field(() => String, { nullable: true, description: 'When the run finished (ISO 8601).' })
  finishedAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Why a failed run failed.' })
  message?: string | null;

  @Field(() => [ImportProblem], { description: 'The first problems found and repairs made (at most 100).' })
  problems!: ImportProblem[];

  @Field(() => [String], { description: 'Warnings (data far from the rest of the layer, …).' })
  warnings!: string[];
}
