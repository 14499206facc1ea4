// The road network the walking catchments use, and the stops that cannot enter it.
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A bus stop farther than maxStopDistanceM from every road: it has no walking catchment.' })
export class StopOffNetwork {
  @Field(() => String, { description: 'The stop\'s code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'The stop\'s name.' })
  name!: string | null;

  @Field(() => Float, { nullable: true, description: 'Metres to the nearest road (null: there are no roads).' })
  distanceM!: number | null;
}

@ObjectType({ description: 'The walking network built from the roads layer (noded where roads cross or touch; bridges and tunnels only at their ends).' })
export class WalkNetwork {
  @Field(() => Int, { description: 'Junctions and dead ends.' })
  nodeCount!: number;

  @Field(() => Int, { description: 'Street segments between nodes.' })
  edgeCount!: number;

  @Field(() => Float, { description: 'Total street length, metres (on the ellipsoid).' })
  lengthM!: number;

  @Field(() => Float, { description: 'Road ends this close to another road are joined to it, metres (setting walk_snap_m, default 1).' })
  snapToleranceM!: number;

  @Field(() => Float, { description: 'The farthest a stop may stand from every road and still enter the network, metres (walk_max_stop_m, default 200).' })
  maxStopDistanceM!: number;

  @Field(() => Float, { description: 'How far either side of a reached street counts as covered, metres (walk_access_m, default 50).' })
  accessMeters!: number;

  @Field(() => [String], { description: 'What the build repaired: self-crossing roads noded, road ends joined.' })
  warnings!: string[];

  @Field(() => [StopOffNetwork], { description: 'Stops with no walking catchment.' })
  stopsOffNetwork!: StopOffNetwork[];
}
