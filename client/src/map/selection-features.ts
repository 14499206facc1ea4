// The selected community's outline and gaps as the GeoJSON the selection layers draw.
import type { FeatureCollection, Geometry } from 'geojson';
import type { CommunityFacts } from '../standards/community-facts';
import type { StandardId } from '../state/url-state';

export function selectionFeatures(community: CommunityFacts | null, standard: StandardId, withGaps = true): FeatureCollection {
  if (!community) return { type: 'FeatureCollection', features: [] };
  const gaps: Geometry | null | undefined = !withGaps ? null : standard === 'camera' ? community.cameraCoverage?.gaps : community.busStopCoverage?.gaps;
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { role: 'boundary', code: community.code }, geometry: community.boundary },
      ...(gaps ? [{ type: 'Feature' as const, properties: { role: 'gap', code: community.code }, geometry: gaps }] : []),
    ],
  };
}
