// The admin's upload: a file and the same options as `atlas import`.
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A layer attribute fed from a column of the file (the CLI\'s --map field=column).' })
export class FieldMapping {
  @Field(() => String, { description: 'The layer attribute (code, name, households, …).' })
  field!: string;

  @Field(() => String, { description: 'The column of the file that holds it.' })
  column!: string;
}

@InputType({ description: 'A file to import into a layer, with the options of `atlas import`.' })
export class ImportFileInput {
  @Field(() => String, { description: 'The layer, by its CLI name: districts, communities, grid-cells, cameras, bus-stops, renovation-sites, roads.' })
  layer!: string;

  @Field(() => String, { description: 'The file name (messages name it; its extension helps recognise the format).' })
  fileName!: string;

  @Field(() => String, { description: 'The file\'s bytes, base64-encoded.' })
  contentBase64!: string;

  @Field(() => String, { nullable: true, description: 'wgs84 (default), gcj02, bd09, cgcs2000 or EPSG:n; a Shapefile\'s .prj is used when not given.' })
  crs?: string;

  @Field(() => String, { nullable: true, description: 'Force the format: geojson, csv, gtfs or shapefile.' })
  format?: string;

  @Field(() => String, { nullable: true, description: 'Force the text encoding (utf-8, gbk, gb18030); detected when not given.' })
  encoding?: string;

  @Field(() => [FieldMapping], { nullable: true, description: 'Columns mapped onto attributes, where the defaults do not find them.' })
  fieldMap?: FieldMapping[];

  @Field(() => String, { nullable: true, description: 'The source name; defaults to the file name without extension.' })
  source?: string;

  @Field(() => Boolean, { nullable: true, description: 'Remove what this source loaded before and is not in the file.' })
  replace?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'Write the good rows and return the refused ones, instead of refusing the file.' })
  skipInvalid?: boolean;
}
