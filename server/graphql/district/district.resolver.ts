// Districts: the list, and each district's boundary and communities.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Float, Info, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../../request/context.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { listLayer, loadGeometry, loadLinked } from '../layer.service.js';
import { Community } from '../community/community.type.js';
import { loadLabelPoint } from '../../store/label-points.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { District } from './district.type.js';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: 'Every district the caller may read, by code.' })
  async districts(@Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo): Promise<District[]> {
    return (await listLayer(ctx, 'districts', { first: 5000 }, info)).nodes as unknown as District[];
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'The boundary as GeoJSON, optionally simplified by a tolerance in metres.' })
  boundary(@Root() district: District, @Ctx() ctx: AtlasContext, @Arg('simplifyMeters', () => Float, { nullable: true, description: 'Simplification tolerance in metres (0 to 5000); absent or 0 returns the geometry as stored.' }) simplifyMeters?: number): Promise<string> | string {
    return loadGeometry(ctx, 'districts', district.code, simplifyMeters, district, 'boundary');
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'Where to write its name on a map: a Point inside the district, the centre of the largest circle that fits in it.' })
  labelPoint(@Root() district: District, @Ctx() ctx: AtlasContext): Promise<string> {
    return loadLabelPoint(ctx, 'districts', district.code);
  }

  @FieldResolver(() => [Community], { description: 'The communities of the district.' })
  async communities(@Root() district: District, @Ctx() ctx: AtlasContext, @Info() info: GraphQLResolveInfo): Promise<Community[]> {
    return (await loadLinked(ctx, 'communities', 'district_code', district.code, info)) as unknown as Community[];
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() district: District): Provenance {
    return provenanceOf(district);
  }
}
