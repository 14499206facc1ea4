// A surveillance camera (雪亮工程) and what it sees.
import { Field, Float, ObjectType } from 'type-graphql';
import { ConnectionType } from '../connection.js';
import { GeoJSONScalar } from '../geojson.scalar.js';

@ObjectType({ description: 'A surveillance camera. Its position is sensitive: only analysts, officials of its district and admins see it.' })
export class Camera {
  @Field(() => String, { description: 'Camera code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name.' })
  name?: string | null;

  @Field(() => GeoJSONScalar, { description: 'Position, a GeoJSON Point.' })
  location!: string;

  @Field(() => Float, { nullable: true, description: 'Viewing direction in degrees clockwise from north; null means all round.' })
  directionDeg?: number | null;

  @Field(() => Float, { description: 'Field of view in degrees; 360 means all round.' })
  fovDeg!: number;

  @Field(() => Float, { description: 'Range in metres (the configured default where the record has none).' })
  rangeM!: number;

  @Field(() => String, { nullable: true, description: 'Who runs the camera.' })
  operator?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the community it stands in.' })
  communityCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the grid cell it stands in.' })
  gridCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the district it stands in.' })
  districtCode?: string | null;

  source?: string;
  importRunId?: string;
  sourceRow?: number;
}

export const CameraConnection = ConnectionType(Camera, 'Camera');
