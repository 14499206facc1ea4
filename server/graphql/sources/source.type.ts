// A live source and its sync runs as GraphQL shows them to an admin.
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ConnectionType } from '../connection.js';

export enum SyncStatus {
  APPLIED = 'APPLIED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
  RUNNING = 'RUNNING',
}
registerEnumType(SyncStatus, {
  name: 'SyncStatus',
  description: 'How a sync ended: APPLIED (its difference is in the layer), UNCHANGED (the source sent what it sent last time), FAILED (nothing applied; see message), RUNNING (not ended yet).',
  valuesConfig: {
    APPLIED: { description: 'Its difference from the last sync is in the layer.' },
    UNCHANGED: { description: 'The source sent what it sent last time; nothing was written.' },
    FAILED: { description: 'Nothing was applied; the message says why, and the last good data stays.' },
    RUNNING: { description: 'Not ended yet.' },
  },
});

export enum SourceKind {
  OGCAPI = 'OGCAPI',
  WFS = 'WFS',
  GEOJSON = 'GEOJSON',
  CSV = 'CSV',
}
registerEnumType(SourceKind, {
  name: 'SourceKind',
  description: 'What a source URL serves: an OGC API – Features collection, a WFS 2.0 service, or a GeoJSON or CSV file.',
  valuesConfig: {
    OGCAPI: { description: 'An OGC API – Features collection (its /items, following rel="next").' },
    WFS: { description: 'A WFS 2.0 service (GetFeature in pages; GeoJSON where offered, else GML 3.2).' },
    GEOJSON: { description: 'A GeoJSON file at an http or https URL.' },
    CSV: { description: 'A CSV file at an http or https URL.' },
  },
});

@ObjectType({ description: 'A layer attribute a source feeds from a field of another name (`--map field=column`).' })
export class SourceFieldMapping {
  @Field(() => String, { description: 'The layer attribute (code, name, …).' })
  field!: string;

  @Field(() => String, { description: 'The source field that holds it.' })
  column!: string;
}

@ObjectType({ description: 'One sync of a live source: what it found, what it applied, and where it read it.' })
export class SyncRun {
  @Field(() => ID, { description: 'The run id.' })
  id!: string;

  @Field(() => ID, { description: 'The source synced.' })
  sourceId!: string;

  @Field(() => SyncStatus, { description: 'How the sync ended.' })
  status!: SyncStatus;

  @Field(() => String, { description: 'What started it: manual (syncSource, `atlas sync`) or schedule.' })
  trigger!: string;

  @Field(() => Int, { description: 'Features the source sent that it had not sent before.' })
  added!: number;

  @Field(() => Int, { description: 'Features whose attributes or geometry differ from last time.' })
  changed!: number;

  @Field(() => Int, { description: 'Features sent last time and not this time (removed from the layer).' })
  removed!: number;

  @Field(() => Int, { description: 'Features sent again exactly as last time.' })
  unchanged!: number;

  @Field(() => String, { nullable: true, description: 'A sentence: why a failed sync was not applied, or what an applied one wrote.' })
  message?: string | null;

  @Field(() => Date, { description: 'When the sync started.' })
  startedAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended (null while running).' })
  finishedAt?: Date | null;

  @Field(() => Int, { description: 'Pages (HTTP answers) read from the source.' })
  pages!: number;

  @Field(() => Int, { description: 'Bytes read from the source.' })
  bytes!: number;

  @Field(() => String, { description: 'Provenance: the source URL read.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'Provenance: SHA-256 (hex) of every page read, in order.' })
  contentSha256?: string | null;

  @Field(() => ID, { nullable: true, description: 'The import run that applied the difference (APPLIED only).' })
  importRunId?: string | null;
}

@ObjectType({ description: 'A department\'s published layer that the hub pulls on a schedule.' })
export class Source {
  @Field(() => ID, { description: 'The source id (`atlas sync <id>`).' })
  id!: string;

  @Field(() => String, { description: 'The layer it feeds, by its CLI name.' })
  layer!: string;

  @Field(() => String, { description: 'The collection, service or file it is read from (http or https).' })
  url!: string;

  @Field(() => SourceKind, { description: 'What the URL serves.' })
  kind!: SourceKind;

  @Field(() => String, { nullable: true, description: 'A five-field cron expression; null: synced only when asked.' })
  schedule?: string | null;

  @Field(() => String, { description: 'The time zone of the schedule.' })
  timeZone!: string;

  @Field(() => String, { nullable: true, description: 'The coordinate system of the source (wgs84 when null).' })
  crs?: string | null;

  @Field(() => [SourceFieldMapping], { description: 'Layer attributes fed from source fields of other names.' })
  map!: SourceFieldMapping[];

  @Field(() => String, { description: 'What features are keyed on: code (the layer\'s code), id (the OGC feature id) or a property.' })
  idField!: string;

  @Field(() => Date, { nullable: true, description: 'When the schedule next fires (null without a schedule).' })
  nextRunAt?: Date | null;

  @Field(() => SyncRun, { nullable: true, description: 'The latest sync, whatever its outcome.' })
  lastRun?: SyncRun | null;

  @Field(() => SyncRun, { nullable: true, description: 'The latest failed sync: its message says why.' })
  lastFailure?: SyncRun | null;
}

export const SyncRunConnection = ConnectionType(SyncRun, 'SyncRun');
export type SyncRunConnection = InstanceType<typeof SyncRunConnection>;
