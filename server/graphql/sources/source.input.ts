// A new live source, with the options of `atlas source add`.
import { Field, InputType } from 'type-graphql';
import { FieldMapping } from '../imports/import-file.input.js';
import { SourceKind } from './source.type.js';

@InputType({ description: 'A source to add: the layer it feeds, where it is read from, and how.' })
export class SourceInput {
  @Field(() => String, { description: 'The layer, by its CLI name: districts, communities, grid-cells, cameras, bus-stops, renovation-sites, roads.' })
  layer!: string;

  @Field(() => String, { description: 'An OGC API collection, a WFS 2.0 service (TYPENAMES= when it has several), or a GeoJSON or CSV file: http or https only.' })
  url!: string;

  @Field(() => SourceKind, { nullable: true, description: 'What the URL serves; detected from the URL or its answer when not given.' })
  kind?: SourceKind;

  @Field(() => String, { nullable: true, description: 'A five-field cron expression ("0 3 * * *": 03:00 daily) in timeZone; none: synced only by syncSource.' })
  schedule?: string;

  @Field(() => String, { nullable: true, description: 'The schedule\'s time zone (default Asia/Shanghai).' })
  timeZone?: string;

  @Field(() => String, { nullable: true, description: 'wgs84 (default), gcj02, bd09, cgcs2000 or EPSG:n.' })
  crs?: string;

  @Field(() => [FieldMapping], { nullable: true, description: 'Source fields mapped onto attributes, where the defaults do not find them.' })
  map?: FieldMapping[];

  @Field(() => String, { nullable: true, description: 'What features are keyed on: code (default, the layer\'s code), id (the OGC feature id) or a property\'s name.' })
  idField?: string;
}
