// Loads the selected community's figures (and coverage, where the hub offers it); reloads when asked (after a what-if).
import { useMemo } from 'react';
import type { CommunityFacts } from '../standards/community-facts';
import { communityQuery, communityWalkQuery } from './community-query';
import type { SchemaFields } from './schema-fields';
import { useGraphQL, type QueryState } from './useGraphQL';

type WalkFacts = Pick<CommunityFacts, 'code' | 'busStopWalkCoverage'>;

export function useCommunity(code: string | null, token: string | null, fields: SchemaFields | null): QueryState<{ community: CommunityFacts | null }> {
  const main = useGraphQL<{ community: CommunityFacts | null }>(code && fields ? communityQuery(fields) : null, { code }, token);
  // The walk is asked once the rest has come (the embedded store runs one statement at a time, and the first walk
  // builds the road network), and joins the community it belongs to; a failure leaves the straight line alone.
  const ready = Boolean(code && fields && main.data?.community?.code === code);
  const walk = useGraphQL<{ community: WalkFacts | null }>(ready ? communityWalkQuery(fields) : null, { code }, token);
  return useMemo(() => {
    const community = main.data?.community;
    const walked = walk.data?.community;
    if (!community || !walked || walked.code !== community.code) return main;
    return { ...main, data: { community: { ...community, busStopWalkCoverage: walked.busStopWalkCoverage } } };
  }, [main, walk]);
}
