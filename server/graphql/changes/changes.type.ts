// GraphQL types of the layers' history: data versions (change sets) and what each feature went through.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../geojson.scalar.js';

export enum FeatureChangeKind {
  ADDED = 'added',
  CHANGED = 'changed',
  REMOVED = 'removed',
}

registerEnumType(FeatureChangeKind, {
  name: 'FeatureChangeKind',
  description: 'What happened to a feature.',
  valuesConfig: {
    ADDED: { description: 'It did not exist before and does now.' },
    CHANGED: { description: 'Its attributes, its geometry or both changed.' },
    REMOVED: { description: 'It existed before and does not now (an import with --replace that no longer sends it).' },
  },
});

@ObjectType({ description: 'A data version: the change set one import committed to one layer.' })
export class DataVersion {
  @Field(() => ID, { description: 'The version id, increasing with time; pass it as `since` to `changes`.' })
  id!: string;

  @Field(() => String, { description: 'When it was committed (ISO 8601).' })
  at!: string;

  @Field(() => String, { description: 'The layer, by its CLI name.' })
  layer!: string;

  @Field(() => ID, { nullable: true, description: 'The import run that made it (importRun(id) for its file and rows).' })
  importRunId!: string | null;

  @Field(() => Int, { description: 'Features added.' })
  added!: number;

  @Field(() => Int, { description: 'Features whose attributes or geometry changed.' })
  changed!: number;

  @Field(() => Int, { description: 'Features removed.' })
  removed!: number;

  @Field(() => Int, { description: 'Rows of the file identical to what the store held.' })
  unchanged!: number;
}

@ObjectType({ description: 'What one feature went through between two versions: its state before the first change and after the last.' })
export class FeatureChange {
  @Field(() => FeatureChangeKind, { description: 'Added, changed or removed.' })
  kind!: FeatureChangeKind;

  @Field(() => String, { description: 'The layer, by its CLI name.' })
  layer!: string;

  @Field(() => String, { description: 'The feature\'s code.' })
  code!: string;

  @Field(() => ID, { description: 'The data version of its last change.' })
  version!: string;

  @Field(() => String, { description: 'When its last change was committed (ISO 8601).' })
  at!: string;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Its geometry before (null when added).' })
  before!: string | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Its geometry after (null when removed).' })
  after!: string | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Its attributes before (null when added).' })
  attributesBefore!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Its attributes after (null when removed).' })
  attributesAfter!: Record<string, unknown> | null;
}

@ObjectType({ description: 'A page of data versions, newest first.' })
export class DataVersionConnection {
  @Field(() => [DataVersion], { description: 'The versions of this page.' })
  nodes!: DataVersion[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next (older) page; null on the last page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'A page of feature changes, newest first.' })
export class FeatureChangeConnection {
  @Field(() => [FeatureChange], { description: 'The changes of this page.' })
  nodes!: FeatureChange[];

  @Field(() => String, { nullable: true, description: 'Pass as `after` for the next page; null on the last page.' })
  endCursor!: string | null;
}

@ObjectType({ description: 'How many features of one layer were added, changed and removed over a span of versions (counted as `changes` lists them).' })
export class LayerChangeCount {
  @Field(() => String, { description: 'The layer, by its CLI name.' })
  layer!: string;

  @Field(() => Int, { description: 'Features added (and not removed again).' })
  added!: number;

  @Field(() => Int, { description: 'Features whose attributes or geometry changed.' })
  changed!: number;

  @Field(() => Int, { description: 'Features removed.' })
  removed!: number;
}
