// Asks the hub how the selected community's coverage would change with one more stop or camera, and where it suggests stops.
import { useMemo } from 'react';
import type { Geometry, Point } from 'geojson';
import type { WhatIfSite } from '../panels/WhatIfPanel';
import type { CoverageFacts } from '../standards/community-facts';
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

const COVERAGE = 'coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters';

const WHAT_IF_QUERY = `query WhatIf($kind: CoverageKind!, $communityCode: String!, $site: ProposedSiteInput!) {
  whatIf(kind: $kind, scope: { communityCode: $communityCode }, add: [$site]) {
    before { ${COVERAGE} }
    after { ${COVERAGE} gaps }
  }
}`;

const SUGGEST_QUERY = `query Suggest($communityCode: String!) {
  suggestSites(kind: BUS_STOPS, scope: { communityCode: $communityCode }, count: 3) {
    before { coveredShare }
    suggestions { rank location newlyCoveredAreaM2 coveredShareAfter }
  }
}`;

interface SuggestAnswer {
  suggestSites: { before: { coveredShare: number }; suggestions: { rank: number; location: Point; newlyCoveredAreaM2: number; coveredShareAfter: number }[] };
}

export function useWhatIf(site: WhatIfSite | null, communityCode: string | null, token: string | null, fields: SchemaFields | null): WhatIfResult {
  const available = hasField(fields, 'Query', 'whatIf');
  const suggestionsAvailable = hasField(fields, 'Query', 'suggestSites');
  const proposed = site
    ? site.kind === 'stop'
      ? { lon: site.lon, lat: site.lat }
      : { lon: site.lon, lat: site.lat, directionDeg: site.fovDeg >= 360 ? null : site.directionDeg, fovDeg: site.fovDeg, rangeM: site.rangeM }
    : null;
  const whatIf = useGraphQL<{ whatIf: { before: CoverageFacts; after: CoverageFacts } }>(
    available && proposed && communityCode ? WHAT_IF_QUERY : null,
    { kind: site?.kind === 'camera' ? 'CAMERAS' : 'BUS_STOPS', communityCode, site: proposed },
    token,
  );
  const suggest = useGraphQL<SuggestAnswer>(suggestionsAvailable && communityCode ? SUGGEST_QUERY : null, { communityCode }, token);
  const suggestions = useMemo(() => {
    if (!suggest.data) return null;
    let previous = suggest.data.suggestSites.before.coveredShare;
    return suggest.data.suggestSites.suggestions.map((pick) => {
      const addedShare = pick.coveredShareAfter - previous;
      previous = pick.coveredShareAfter;
      return { rank: pick.rank, location: pick.location, addedShare, addedAreaM2: pick.newlyCoveredAreaM2, coveredShareAfter: pick.coveredShareAfter };
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
