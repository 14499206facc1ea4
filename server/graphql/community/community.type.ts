// A community (社区): the unit the standards are checked on.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';

@ObjectType({ description: 'A community (社区), with the attributes the standards are checked on.' })
export class Community {
  @Field(() => String, { description: 'Community code.' })
  code!: string;

  @Field(() => String, { description: 'Name, as the civil affairs bureau writes it.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Code of the district that contains it.' })
  districtCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Sub-district (街道) it belongs to.' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'urban, town or rural.' })
  kind?: string | null;

  @Field(() => Int, { nullable: true, description: 'Households (户数).' })
  households?: number | null;

  @Field(() => Int, { nullable: true, description: 'Residents.' })
  population?: number | null;

  @Field(() => Int, { nullable: true, description: 'Residents aged 60 and over.' })
  elderly?: number | null;

  @Field(() => Float, { nullable: true, description: 'Floor area of community service facilities, m².' })
  serviceAreaM2?: number | null;

  @Field(() => Float, { nullable: true, description: 'Office floor area, m².' })
  officeAreaM2?: number | null;

  @Field(() => Float, { nullable: true, description: 'Activity floor area, m².' })
  activityAreaM2?: number | null;

  @Field(() => Int, { nullable: true, description: 'Registered community social organisations.' })
  socialOrgs?: number | null;

  @Field(() => Int, { nullable: true, description: 'Registered volunteers.' })
  volunteers?: number | null;

  @Field(() => Int, { nullable: true, description: 'Elderly care beds.' })
  careBeds?: number | null;

  @Field(() => Float, { description: 'Area in square metres.' })
  areaM2!: number;

  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const CommunityConnection = ConnectionType(Community, 'Community');
