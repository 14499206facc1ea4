// GraphQL types of the past: which snapshot answered, and a district's coverage as it stood.
import { Field, ID, ObjectType } from 'type-graphql';
import { Coverage } from '../coverage/coverage.type.js';

@ObjectType({ description: 'The stored snapshot an answer about the past was read from.' })
export class HeldSnapshot {
  @Field(() => Date, { description: 'When the snapshot was taken.' })
  takenAt!: Date;

  @Field(() => ID, { description: 'The data version it holds: the newest change set that changed something at or before the moment asked ("0": before any import).' })
  dataVersion!: string;
}

@ObjectType({ description: 'An area\'s coverage as a snapshot kept it: bus stops at 500 m in a straight line, cameras at their own ranges. Gaps are not kept (gaps is null); camera distances follow today\'s rule of who may see them.' })
export class AreaCoverageAsOf {
  @Field(() => String, { description: 'The area\'s code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Its name then.' })
  name!: string | null;

  @Field(() => Coverage, { description: 'Bus-stop coverage, 500 m in a straight line.' })
  busStopCoverage!: Coverage;

  @Field(() => Coverage, { description: 'Camera coverage, each camera at its own range (the default where it had none).' })
  cameraCoverage!: Coverage;
}

@ObjectType({ description: 'A district and its communities\' coverage as of a data version or a date, read from history (nothing is recomputed).' })
export class DistrictAsOf extends AreaCoverageAsOf {
  @Field(() => HeldSnapshot, { description: 'The snapshot that answered.' })
  snapshot!: HeldSnapshot;

  @Field(() => [AreaCoverageAsOf], { description: 'Its communities then, by code. An official reads their own district\'s only (another district\'s list is empty).' })
  communities!: AreaCoverageAsOf[];
}
