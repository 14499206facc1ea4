// A district (区县): the unit a district official answers for.
import { Field, Float, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';

@ObjectType({ description: 'A district or county (区县), with its 6-digit administrative code.' })
export class District {
  @Field(() => String, { description: '6-digit administrative code, e.g. 210102.' })
  code!: string;

  @Field(() => String, { description: 'Name, e.g. 和平区.' })
  name!: string;

  @Field(() => Float, { description: 'Area in square metres (metric projection of the store).' })
  areaM2!: number;

  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const DistrictConnection = ConnectionType(District, 'District');
