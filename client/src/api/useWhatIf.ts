// Asks the hub how the selected community's coverage would change with one more stop or camera, and where it suggests stops.
import { useMemo } from 'react';
import type { Geometry, Point } from 'geojson';
import type { WhatIfSite } from '../panels/WhatIfPanel';
import type { CoverageFacts } from '../standards/community-facts';
import { WhatIfDocument, SuggestDocument } from '../gql/graphql';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export interface SiteSuggestion {
  rank: number;
  location: Point;
  /** Share of the community this pick adds, after the existing stops and the earlier picks. */
  addedShare: number;
  addedAreaM2: number;
  coveredShareAfter: number;
}

export interface WhatIfResult {
  available: boolean;
  suggestionsAvailable: boolean;
  loading: boolean;
  error: string | null;
  before: CoverageFacts | null;
  after: (CoverageFacts & { gaps?: Geometry | null }) | null;
  suggestions: SiteSuggestion[] | null;
}

export function useWhatIf(site: WhatIfSite | null, communityCode: string | null, token: string | null, fields: SchemaFields | null): WhatIfResult {
  const available = hasField(fields, 'Query', 'whatIf');
  const suggestionsAvailable = hasField(fields, 'Query', 'suggestSites');
  const proposed = site
    ? site.kind === 'stop'
      ? { lon: site.lon, lat: site.lat }
      : { lon: site.lon, lat: site.lat, directionDeg: site.fovDeg >= 360 ? null : site.directionDeg, fovDeg: site.fovDeg, rangeM: site.rangeM }
    : null;
  const whatIf = useGraphQL(
    available && proposed && communityCode ? WhatIfDocument : null,
    { kind: site?.kind === 'camera' ? 'CAMERAS' : 'BUS_STOPS', communityCode: communityCode ?? '', site: proposed ?? { lon: 0, lat: 0 } },
    token,
  );
  const suggest = useGraphQL(suggestionsAvailable && communityCode ? SuggestDocument : null, { communityCode: communityCode ?? '' }, token);
  const suggestions = useMemo(() => {
    if (!suggest.data) return null;
    let previous = suggest.data.suggestSites.before.coveredShare;
    return suggest.data.suggestSites.suggestions.flatMap((pick) => {
      const addedShare = pick.coveredShareAfter - previous;
      previous = pick.coveredShareAfter;
      // A suggested site is a point (the schema's GeoJSON scalar says only "a geometry").
      if (pick.location.type !== 'Point') return [];
      return [{ rank: pick.rank, location: pick.location, addedShare, addedAreaM2: pick.newlyCoveredAreaM2, coveredShareAfter: pick.coveredShareAfter }];
    });
  }, [suggest.data]);
  return {
    available,
    suggestionsAvailable,
    loading: whatIf.loading,
    error: whatIf.error ?? suggest.error,
    before: whatIf.data?.whatIf.before ?? null,
    after: whatIf.data?.whatIf.after ?? null,
    suggestions,
  };
}
