// Arguments shared by every layer's list query: paging, attribute filters and spatial filters in metres.
import type { Geometry } from 'geojson';
import { ArgsType, Field, Float, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from './geojson.scalar.js';
import type { LayerFilters, NearFilter } from '../store/filters.js';

@InputType({ description: 'A point and a distance in metres.' })
export class NearInput implements NearFilter {
  @Field(() => Float, { description: 'Longitude, WGS84.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude, WGS84.' })
  lat!: number;

  @Field(() => Float, { description: 'Distance from the point, in metres.' })
  withinMeters!: number;
}

@ArgsType()
export class LayerListArgs implements LayerFilters {
  @Field(() => Int, { nullable: true, description: 'Page size (default 100, at most 5000).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return records after this cursor (`pageInfo.endCursor`).' })
  after?: string;

  @Field(() => String, { nullable: true, description: 'Only the record with this code.' })
  code?: string;

  @Field(() => [String], { nullable: true, description: 'Only records with one of these codes.' })
  codes?: string[];

  @Field(() => String, { nullable: true, description: 'Only records in this district (6-digit code).' })
  districtCode?: string;

  @Field(() => String, { nullable: true, description: 'Only records whose name contains this text.' })
  nameContains?: string;

  @Field(() => [Float], { nullable: true, description: 'Only records intersecting this box: [minLon, minLat, maxLon, maxLat], WGS84.' })
  bbox?: number[];

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Only records intersecting this GeoJSON geometry.' })
  intersects?: Geometry;

  @Field(() => NearInput, { nullable: true, description: 'Only records within a distance in metres of a point.' })
  near?: NearInput;
}

@ArgsType()
export class CommunityLinkedListArgs extends LayerListArgs {
  @Field(() => String, { nullable: true, description: 'Only records linked to this community.' })
  communityCode?: string;
}
