// How a bus stop's reach is measured: as the crow flies, or walking along the road network.
import { registerEnumType } from 'type-graphql';

export enum CoverageAlongEnum {
  STRAIGHT_LINE = 'STRAIGHT_LINE',
  ROADS = 'ROADS',
}

registerEnumType(CoverageAlongEnum, {
  name: 'CoverageAlong',
  description: 'How a bus stop reaches radiusMeters: a circle (straight line), or a walk along the imported roads widened by the access distance.',
  valuesConfig: {
    STRAIGHT_LINE: { description: 'A circle of radiusMeters around each stop.' },
    ROADS: { description: 'The streets within radiusMeters of walking from the stop\'s nearest point on the road network, widened by the access distance (default 50 m) on both sides.' },
  },
});
