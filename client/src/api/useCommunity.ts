// Loads the selected community's figures, coverage and standards; reloads when asked (after a what-if).
import { useMemo } from 'react';
import type { CommunityFacts } from '../standards/community-facts';
import { CommunityDocument, CommunityWalkDocument } from '../gql/graphql';
import { hasField, type SchemaFields } from './schema-fields';
import { useGraphQL, type QueryState } from './useGraphQL';

export function useCommunity(code: string | null, token: string | null, fields: SchemaFields | null): QueryState<{ community: CommunityFacts | null }> {
  const main = useGraphQL(code && fields ? CommunityDocument : null, { code: code ?? '' }, token);
  // The walk is asked once the rest has come (the embedded store runs one statement at a time, and the first walk
  // builds the road network), and joins the community it belongs to; a failure leaves the straight line alone.
  const ready = Boolean(code && fields && main.data?.community?.code === code && hasField(fields, 'Query', 'walkNetwork'));
  const walk = useGraphQL(ready ? CommunityWalkDocument : null, { code: code ?? '' }, token);
  return useMemo(() => {
    const community = main.data?.community;
    const walked = walk.data?.community;
    if (!community || !walked || walked.code !== community.code) return main;
    return { ...main, data: { community: { ...community, busStopWalkCoverage: walked.busStopWalkCoverage } } };
  }, [main, walk]);
}
