// A bus stop.
import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';
import { GeoJSONScalar } from '../geojson.scalar.js';

@ObjectType({ description: 'A bus stop.' })
export class BusStop {
  @Field(() => String, { description: 'Stop code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => GeoJSONScalar, { description: 'Position, a GeoJSON Point.' })
  location!: string;

  @Field(() => String, { nullable: true, description: 'Routes serving the stop, separated by semicolons.' })
  routes?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the community it stands in.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the district it stands in.' })
  districtCode?: string | null;

  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const BusStopConnection = ConnectionType(BusStop, 'BusStop');
