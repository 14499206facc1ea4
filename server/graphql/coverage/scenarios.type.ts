// GraphQL types of what-if and suggested sites: scopes, proposed sites, before/after, ranked suggestions.
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { AreaLevelEnum, Coverage } from './coverage.type.js';

@InputType({ description: 'Where to measure: one community, grid cell or district; nothing for the whole city.' })
export class CoverageScopeInput {
  @Field(() => String, { nullable: true, description: 'One community.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'One grid cell.' })
  gridCode?: string | null;

  @Field(() => String, { nullable: true, description: 'One district.' })
  districtCode?: string | null;
}

@InputType({ description: 'A proposed bus stop or camera. Camera fields are ignored for stops.' })
export class ProposedSiteInput {
  @Field(() => Float, { description: 'Longitude, WGS84.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude, WGS84.' })
  lat!: number;

  @Field(() => Float, { nullable: true, description: 'Camera direction, degrees clockwise from north; none means all round.' })
  directionDeg?: number | null;

  @Field(() => Float, { nullable: true, description: 'Camera field of view, degrees (default 360).' })
  fovDeg?: number | null;

  @Field(() => Float, { nullable: true, description: 'Camera range, metres (default: the configured default range).' })
  rangeM?: number | null;
}

@ObjectType({ description: 'An area whose coverage a what-if changes.' })
export class CoverageChange {
  @Field(() => AreaLevelEnum, { description: 'The kind of area.' })
  level!: AreaLevelEnum;

  @Field(() => String, { description: 'Code of the area.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name of the area.' })
  name!: string | null;

  @Field(() => Coverage, { description: 'Coverage now.' })
  before!: Coverage;

  @Field(() => Coverage, { description: 'Coverage with the proposed changes.' })
  after!: Coverage;
}

@ObjectType({ description: 'Coverage of a scope before and after proposed changes; nothing is written.' })
export class WhatIfResult {
  @Field(() => Coverage, { description: 'Coverage now.' })
  before!: Coverage;

  @Field(() => Coverage, { description: 'Coverage with the proposed sites added and the named ones removed.' })
  after!: Coverage;

  @Field(() => [CoverageChange], { description: 'The communities of the scope the changes reach, most gained first.' })
  communities!: CoverageChange[];
}

@ObjectType({ description: 'A suggested new site, in the order the greedy covering picked it.' })
export class SiteSuggestion {
  @Field(() => Int, { description: '1 for the first pick, which covers the most.' })
  rank!: number;

  @Field(() => Float, { description: 'Longitude, WGS84.' })
  lon!: number;

  @Field(() => Float, { description: 'Latitude, WGS84.' })
  lat!: number;

  @Field(() => GeoJSONScalar, { description: 'The site as a GeoJSON Point.' })
  location!: { type: 'Point'; coordinates: [number, number] };

  @Field(() => Float, { description: 'Area it newly covers, m², given the existing sites and the earlier picks.' })
  newlyCoveredAreaM2!: number;

  @Field(() => Float, { description: 'Covered share of the scope once this and the earlier picks are added, 0 to 1.' })
  coveredShareAfter!: number;
}

@ObjectType({ description: 'Suggested sites for a scope, with its coverage now.' })
export class SiteSuggestions {
  @Field(() => Coverage, { description: 'Coverage of the scope now.' })
  before!: Coverage;

  @Field(() => [SiteSuggestion], { description: 'The picks, in decreasing order of newly covered area.' })
  suggestions!: SiteSuggestion[];

  @Field(() => Int, { description: 'Candidate positions considered (a lattice inside the gaps and road vertices).' })
  candidatesConsidered!: number;

  @Field(() => Float, { description: 'Spacing of the candidate lattice, metres.' })
  candidateSpacingM!: number;
}
