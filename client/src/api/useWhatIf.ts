// Asks the hub how the selected community's coverage would change with one more stop or camera, and where it suggests stops.
import type { Geometry, Point } from 'geojson';
import type { WhatIfSite } from '../panels/WhatIfPanel';
import type { CoverageFacts } from '../standards/community-facts';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL } from './useGraphQL';

export interface SiteSuggestion {
  location: Point;
  addedShare: number;
  addedAreaM2: number;
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
  const whatIf = useGraphQL<{ whatIf: { before: CoverageFacts; after: CoverageFacts } }>(
    available && site && communityCode ? WHAT_IF_QUERY : null,
    { communityCode, site },
    token,
  );
  const suggest = useGraphQL<{ suggestSites: SiteSuggestion[] }>(suggestionsAvailable && communityCode ? SUGGEST_QUERY : null, { communityCode }, token);
  return {
    available,
    suggestionsAvailable,
    loading: whatIf.loading,
    error: whatIf.error ?? suggest.error,
    before: whatIf.data?.whatIf.before ?? null,
    after: whatIf.data?.whatIf.after ?? null,
    suggestions: suggest.data?.suggestSites ?? null,
  };
}

// Placeholders until the hub's whatIf and suggestSites fields exist; shaped after them when they do.
const WHAT_IF_QUERY = `query WhatIf($communityCode: String!, $site: WhatIfSiteInput!) {
  whatIf(communityCode: $communityCode, site: $site) { before { coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters } after { coveredShare coveredAreaM2 uncoveredAreaM2 nearestMeters gaps } }
}`;
const SUGGEST_QUERY = `query Suggest($communityCode: String!) {
  suggestSites(communityCode: $communityCode) { location addedShare addedAreaM2 }
}`;
