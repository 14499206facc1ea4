// The Coverage type (PRODUCT.md names), the kinds and levels it is measured for, and ranked lists of areas.
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { GapSource } from '../../analysis/coverage.service.js';

export enum CoverageKindEnum {
  BUS_STOPS = 'bus-stops',
  CAMERAS = 'cameras',
}
registerEnumType(CoverageKindEnum, {
  name: 'CoverageKind',
  description: 'What covers an area: bus stops (circles of a radius) or cameras (view sectors).',
  valuesConfig: {
    BUS_STOPS: { description: 'Bus stops, each covering a circle of the given radius.' },
    CAMERAS: { description: 'Surveillance cameras, each covering its view sector.' },
  },
});

export enum AreaLevelEnum {
  COMMUNITY = 'communities',
  GRID_CELL = 'grid-cells',
  DISTRICT = 'districts',
}
registerEnumType(AreaLevelEnum, {
  name: 'AreaLevel',
  description: 'The kind of area a figure is given for.',
  valuesConfig: {
    COMMUNITY: { description: 'Communities (社区).' },
    GRID_CELL: { description: 'Management grid cells (网格).' },
    DISTRICT: { description: 'Districts and counties (区县).' },
  },
});

@ObjectType({ description: 'How much of an area is covered by bus-stop catchments or camera view sectors (straight-line, computed by PostGIS in metres).' })
export class Coverage {
  @Field(() => Float, { description: 'Covered fraction of the area, from 0 to 1.' })
  coveredShare!: number;

  @Field(() => Float, { description: 'Covered area, m².' })
  coveredAreaM2!: number;

  @Field(() => Float, { description: 'Uncovered area, m² (coveredAreaM2 + uncoveredAreaM2 = areaM2).' })
  uncoveredAreaM2!: number;

  @Field(() => Float, { description: 'The whole area, m².' })
  areaM2!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Shortest distance from the area to the nearest stop or camera, metres (0 when one stands inside); null when there is none, or for camera positions hidden from anonymous callers.',
  })
  nearestMeters!: number | null;

  /** Where `gaps` comes from; null hides them. */
  gapSource!: GapSource | null;
}

@ObjectType({ description: 'An area with its coverage, in a list ranked worst first.' })
export class RankedCoverage {
  @Field(() => AreaLevelEnum, { description: 'The kind of area.' })
  level!: AreaLevelEnum;

  @Field(() => String, { description: 'Code of the area.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name of the area.' })
  name!: string | null;

  @Field(() => String, { nullable: true, description: 'Code of the district it lies in.' })
  districtCode!: string | null;

  @Field(() => Coverage, { description: 'Its coverage.' })
  coverage!: Coverage;
}

@ObjectType({ description: 'Areas ranked by coverage, worst first.' })
export class CoverageRanking {
  @Field(() => Int, { description: 'How many areas were ranked.' })
  totalCount!: number;

  @Field(() => [RankedCoverage], { description: 'The first of them, least covered first.' })
  nodes!: RankedCoverage[];
}
