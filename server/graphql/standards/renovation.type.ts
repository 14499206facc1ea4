// GraphQL types of the renovation programme against its plan, by year and district.
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { StandardRule } from './standards.type.js';

export enum RenovationProgramEnum {
  CITY = 'city',
  OWNER = 'owner',
}
registerEnumType(RenovationProgramEnum, {
  name: 'RenovationProgram',
  description: 'Who renovates: the city programme (renovation-city) or property owners (renovation-owners).',
  valuesConfig: {
    CITY: { description: 'The city programme (standard renovation-city).' },
    OWNER: { description: 'Renovation by property owners (standard renovation-owners).' },
  },
});

export enum PlanShareBasisEnum {
  HOUSEHOLDS = 'households',
  SITES = 'sites',
}
registerEnumType(PlanShareBasisEnum, {
  name: 'PlanShareBasis',
  description: 'What a district\'s share of the city plan is proportional to.',
  valuesConfig: { HOUSEHOLDS: { description: 'Its communities\' households.' }, SITES: { description: 'Its listed renovation sites of the programme.' } },
});

@ObjectType({ description: 'One plan year: the planned number of compounds against what is done.' })
export class RenovationYear {
  @Field(() => Int, { description: 'Plan year.' })
  year!: number;

  @Field(() => Int, { description: 'Compounds the plan asks for this year (the district\'s part, for a district).' })
  planned!: number;

  @Field(() => Int, { description: 'Sites of this year listed in the store.' })
  listed!: number;

  @Field(() => Int, { description: 'Completed.' })
  completed!: number;

  @Field(() => Int, { description: 'In progress.' })
  inProgress!: number;

  @Field(() => Int, { description: 'Listed but not started.' })
  notStarted!: number;

  @Field(() => Int, { description: 'Planned but not completed, for years that have begun.' })
  behind!: number;
}

@ObjectType({ description: 'A district\'s part of the programme.' })
export class RenovationDistrict {
  @Field(() => String, { description: 'District code.' })
  districtCode!: string;

  @Field(() => String, { nullable: true, description: 'District name.' })
  districtName!: string | null;

  @Field(() => Float, { description: 'Its share of the city plan, from 0 to 1.' })
  share!: number;

  @Field(() => [RenovationYear], { description: 'Its plan and progress by year.' })
  years!: RenovationYear[];
}

@ObjectType({ description: 'A renovation programme against its plan, for the city and by district.' })
export class RenovationProgramme {
  @Field(() => RenovationProgramEnum, { description: 'Which programme.' })
  program!: RenovationProgramEnum;

  @Field(() => StandardRule, { description: 'The standard that holds the plan (its params.plan gives compounds by year).' })
  rule!: StandardRule;

  @Field(() => String, { description: 'How the districts\' shares were set: households, sites, or set by admin.' })
  basis!: string;

  @Field(() => [RenovationYear], { description: 'The city\'s plan and progress by year.' })
  city!: RenovationYear[];

  @Field(() => [RenovationDistrict], { description: 'Each district\'s plan and progress.' })
  districts!: RenovationDistrict[];
}

@InputType({ description: 'A district\'s share of a programme\'s plan.' })
export class DistrictShareInput {
  @Field(() => String, { description: 'District code.' })
  districtCode!: string;

  @Field(() => Float, { description: 'Its share (used in proportion to the others).' })
  share!: number;
}
