// An old-compound renovation site (老旧小区改造) with its 11-point checklist.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';
import { GeoJSONScalar } from '../geojson.scalar.js';

@ObjectType({ description: 'One item of the 11-point renovation standard.' })
export class ChecklistItem {
  @Field(() => String, { description: 'Item key, e.g. roads_level.' })
  key!: string;

  @Field(() => String, { description: 'The standard\'s words, e.g. 路要平整.' })
  labelZh!: string;

  @Field(() => String, { description: 'In English.' })
  labelEn!: string;

  @Field(() => Boolean, { description: 'The item is done.' })
  done!: boolean;
}

@ObjectType({ description: 'An old residential compound in the renovation programme.' })
export class RenovationSite {
  @Field(() => String, { description: 'Site code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Compound name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the community it lies in.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the district it lies in.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'city (city programme) or owner (owner-led).' })
  program?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year of the plan it belongs to.' })
  planYear?: number | null;

  @Field(() => String, { nullable: true, description: 'planned, in_progress or completed.' })
  status?: string | null;

  @Field(() => String, { nullable: true, description: 'Date of completion, YYYY-MM-DD.' })
  completedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Households in the compound.' })
  households?: number | null;

  @Field(() => GeoJSONScalar, { description: 'A representative point of the site, GeoJSON.' })
  location!: string;

  @Field(() => Float, { description: 'Area in square metres (0 for a site given as a point).' })
  areaM2!: number;

  checklist?: Record<string, boolean>;
  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const RenovationSiteConnection = ConnectionType(RenovationSite, 'RenovationSite');
