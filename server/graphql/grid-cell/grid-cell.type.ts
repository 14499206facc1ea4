// A management grid cell (网格) with its grid workers.
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';

@ObjectType({ description: 'A management grid cell (网格) of a community.' })
export class GridCell {
  @Field(() => String, { description: 'Grid cell code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the community it belongs to.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the district it lies in.' })
  districtCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Grid workers (网格员) assigned.' })
  workers?: number | null;

  @Field(() => Int, { nullable: true, description: 'Households in the grid cell.' })
  households?: number | null;

  @Field(() => Float, { description: 'Area in square metres.' })
  areaM2!: number;

  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const GridCellConnection = ConnectionType(GridCell, 'GridCell');
