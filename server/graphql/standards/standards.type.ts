// GraphQL types of the standards: rules, per-community results, and pass shares for a district or the city.
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { HeldSnapshot } from '../history/as-of.type.js';

@ObjectType({ description: 'A standard of STANDARDS.md as a configurable rule: the metric it reads, its target and scope are data.' })
export class StandardRule {
  @Field(() => String, { description: 'Stable id, e.g. bus-stop-500m.' })
  id!: string;

  @Field(() => String, { description: 'The standard as the documents say it, in Chinese.' })
  titleZh!: string;

  @Field(() => String, { description: 'The standard in English.' })
  titleEn!: string;

  @Field(() => String, { description: 'Which documents set it (SY, HQ, SZ, RS, PZH; see STANDARDS.md).' })
  source!: string;

  @Field(() => String, { description: 'The metric function that measures it.' })
  metric!: string;

  @Field(() => String, { description: 'What it is checked on: community or district.' })
  scope!: string;

  @Field(() => String, { description: 'Unit of the value, target and shortfall (share = fraction 0..1).' })
  unit!: string;

  @Field(() => String, { description: 'at_least, at_most or between (target..targetMax).' })
  comparison!: string;

  @Field(() => Float, { nullable: true, description: 'The target (the lower bound for between).' })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: 'The upper bound, for between.' })
  targetMax!: number | null;

  @Field(() => GraphQLJSONObject, { description: 'Targets by community kind (urban, town, rural), overriding target/targetMax.' })
  targetsByKind!: Record<string, unknown>;

  @Field(() => GraphQLJSONObject, { description: 'The metric\'s settings: radiusMeters and along ("roads" or "straight-line", the bus-stop standard), tolerance, plan by year, program.' })
  params!: Record<string, unknown>;

  @Field(() => Boolean, { description: 'Whether the hub checks it.' })
  enabled!: boolean;

  @Field(() => String, { description: 'When it was last changed.' })
  updatedAt!: string;

  @Field(() => String, { nullable: true, description: 'Who changed it last (role).' })
  updatedBy!: string | null;
}

@ObjectType({ description: 'One community checked against one standard.' })
export class StandardResult {
  @Field(() => String, { description: 'The standard\'s id.' })
  ruleId!: string;

  @Field(() => String, { description: 'The community\'s code.' })
  communityCode!: string;

  @Field(() => String, { nullable: true, description: 'The community\'s name.' })
  communityName!: string | null;

  @Field(() => Float, { nullable: true, description: 'The measured value, in the unit; null when the data to measure it is missing.' })
  value!: number | null;

  @Field(() => String, { description: 'Unit of value, target and shortfall.' })
  unit!: string;

  @Field(() => Float, { nullable: true, description: 'The target that applies to this community (by its kind where the rule says so).' })
  target!: number | null;

  @Field(() => Float, { nullable: true, description: 'The upper bound that applies, for ranges.' })
  targetMax!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it meets the standard; null when it could not be measured.' })
  pass!: boolean | null;

  @Field(() => Float, { nullable: true, description: 'How far it is from the target, in the unit (0 when it passes).' })
  shortfall!: number | null;

  @Field(() => String, { nullable: true, description: 'What the value is made of, in words.' })
  detail!: string | null;
}

@ObjectType({ description: 'A standard over the communities of a district or the city: how many pass, and the worst.' })
export class StandardSummary {
  @Field(() => StandardRule, { description: 'The standard.' })
  rule!: StandardRule;

  @Field(() => Int, { description: 'Communities that could be measured.' })
  evaluated!: number;

  @Field(() => Int, { description: 'Communities that meet it.' })
  passed!: number;

  @Field(() => Int, { description: 'Communities that fall short.' })
  failed!: number;

  @Field(() => Int, { description: 'Communities whose data is missing.' })
  noData!: number;

  @Field(() => Float, { nullable: true, description: 'passed ÷ evaluated, from 0 to 1; null when none could be measured.' })
  passShare!: number | null;

  @Field(() => [StandardResult], { description: 'The failing communities, largest shortfall first.' })
  worst!: StandardResult[];

  @Field(() => HeldSnapshot, { nullable: true, description: 'With asOf: the snapshot the report was read from; null for a report of now.' })
  snapshot?: HeldSnapshot | null;
}

@InputType({ description: 'New settings for a standard; fields left out stay as they are.' })
export class StandardRuleChange {
  @Field(() => Float, { nullable: true, description: 'The target (null clears it).' })
  target?: number | null;

  @Field(() => Float, { nullable: true, description: 'The upper bound (null clears it).' })
  targetMax?: number | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Targets by community kind to merge in, e.g. {"rural": {"target": 5}}.' })
  targetsByKind?: Record<string, { target?: number; targetMax?: number }> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Settings to merge in, e.g. {"radiusMeters": 400}.' })
  params?: Record<string, unknown> | null;

  @Field(() => Boolean, { nullable: true, description: 'Turn the check on or off.' })
  enabled?: boolean | null;
}
