// Loads the selected community's figures (and coverage, where the hub offers it); reloads when asked (after a what-if).
import type { CommunityFacts } from '../standards/community-facts';
import { communityQuery } from './community-query';
import type { SchemaFields } from './schema-fields';
import { useGraphQL, type QueryState } from './useGraphQL';

export function useCommunity(code: string | null, token: string | null, fields: SchemaFields | null): QueryState<{ community: CommunityFacts | null }> {
  return useGraphQL<{ community: CommunityFacts | null }>(code && fields ? communityQuery(fields) : null, { code }, token);
}
