// Districts: the list, and each district's boundary and communities.
import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { AtlasContext } from '../context.js';
import { GeoJSONScalar } from '../geojson.scalar.js';
import { listLayer, loadGeometry, loadLinked } from '../layer.service.js';
import { Community } from '../community/community.type.js';
import { Provenance, provenanceOf } from '../provenance.type.js';
import { District } from './district.type.js';

@Resolver(() => District)
export class DistrictResolver {
  @Query(() => [District], { description: 'Every district the caller may read, by code.' })
  async districts(@Ctx() ctx: AtlasContext): Promise<District[]> {
    return (await listLayer(ctx, 'districts', { first: 5000 })).nodes as unknown as District[];
  }

  @FieldResolver(() => GeoJSONScalar, { description: 'The boundary as GeoJSON, optionally simplified by a tolerance in metres.' })
  boundary(@Root() district: District, @Ctx() ctx: AtlasContext, @Arg('simplifyMeters', () => Float, { nullable: true }) simplifyMeters?: number): Promise<string> {
    return loadGeometry(ctx, 'districts', district.code, simplifyMeters);
  }

  @FieldResolver(() => [Community], { description: 'The communities of the district.' })
  async communities(@Root() district: District, @Ctx() ctx: AtlasContext): Promise<Community[]> {
    return (await loadLinked(ctx, 'communities', 'district_code', district.code)) as unknown as Community[];
  }

  @FieldResolver(() => Provenance, { description: 'Where the record came from.' })
  provenance(@Root() district: District): Provenance {
    return provenanceOf(district);
  }
}
