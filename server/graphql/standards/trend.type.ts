// A standard's pass share at one month, from the stored snapshots.
import { Field, Float, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A standard\'s result at one month: the month\'s last stored snapshot.' })
export class TrendPoint {
  @Field(() => String, { description: 'When the snapshot was taken (ISO 8601).' })
  at!: string;

  @Field(() => Int, { description: 'Communities that could be measured.' })
  evaluated!: number;

  @Field(() => Int, { description: 'Communities that met the standard.' })
  passed!: number;

  @Field(() => Float, { nullable: true, description: 'passed ÷ evaluated; null when none could be measured.' })
  passShare!: number | null;
}
